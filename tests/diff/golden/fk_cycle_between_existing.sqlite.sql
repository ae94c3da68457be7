-- migrate:upgrade
CREATE TABLE _retort_new_authors (
    id INTEGER NOT NULL,
    best_book_id INTEGER,
    CONSTRAINT pk_authors PRIMARY KEY (id),
    CONSTRAINT fk_authors_best_book_id_books FOREIGN KEY (best_book_id) REFERENCES books (id)
);
INSERT INTO _retort_new_authors (id, best_book_id)
    SELECT id, best_book_id FROM authors;
DROP TABLE authors;
ALTER TABLE _retort_new_authors RENAME TO authors;
CREATE TABLE _retort_new_books (
    id INTEGER NOT NULL,
    author_id INTEGER,
    CONSTRAINT pk_books PRIMARY KEY (id),
    CONSTRAINT fk_books_author_id_authors FOREIGN KEY (author_id) REFERENCES authors (id)
);
INSERT INTO _retort_new_books (id, author_id)
    SELECT id, author_id FROM books;
DROP TABLE books;
ALTER TABLE _retort_new_books RENAME TO books;

-- migrate:downgrade
CREATE TABLE _retort_new_books (
    id INTEGER NOT NULL,
    author_id INTEGER,
    CONSTRAINT pk_books PRIMARY KEY (id)
);
INSERT INTO _retort_new_books (id, author_id)
    SELECT id, author_id FROM books;
DROP TABLE books;
ALTER TABLE _retort_new_books RENAME TO books;
CREATE TABLE _retort_new_authors (
    id INTEGER NOT NULL,
    best_book_id INTEGER,
    CONSTRAINT pk_authors PRIMARY KEY (id)
);
INSERT INTO _retort_new_authors (id, best_book_id)
    SELECT id, best_book_id FROM authors;
DROP TABLE authors;
ALTER TABLE _retort_new_authors RENAME TO authors;
