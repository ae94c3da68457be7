-- migrate:upgrade
DROP TABLE books;
DROP TABLE authors;

-- migrate:downgrade
CREATE TABLE authors (
    id INTEGER NOT NULL,
    best_book_id INTEGER,
    CONSTRAINT pk_authors PRIMARY KEY (id),
    CONSTRAINT fk_authors_best_book_id_books FOREIGN KEY (best_book_id) REFERENCES books (id)
);
CREATE TABLE books (
    id INTEGER NOT NULL,
    author_id INTEGER,
    CONSTRAINT pk_books PRIMARY KEY (id),
    CONSTRAINT fk_books_author_id_authors FOREIGN KEY (author_id) REFERENCES authors (id)
);

-- warnings
-- drop table books: its rows are lost
-- drop table authors: its rows are lost
