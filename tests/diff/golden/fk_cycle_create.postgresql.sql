-- migrate:upgrade
CREATE TABLE authors (
    id integer NOT NULL,
    best_book_id integer,
    CONSTRAINT pk_authors PRIMARY KEY (id)
);
CREATE TABLE books (
    id integer NOT NULL,
    author_id integer,
    CONSTRAINT pk_books PRIMARY KEY (id),
    CONSTRAINT fk_books_author_id_authors FOREIGN KEY (author_id) REFERENCES authors (id)
);
ALTER TABLE authors ADD CONSTRAINT fk_authors_best_book_id_books FOREIGN KEY (best_book_id) REFERENCES books (id);

-- migrate:downgrade
ALTER TABLE authors DROP CONSTRAINT fk_authors_best_book_id_books;
DROP TABLE books;
DROP TABLE authors;
