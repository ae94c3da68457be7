-- migrate:upgrade
DROP VIEW prolific;
DROP VIEW book_titles;
DROP TABLE reviews;
DROP TABLE books;
DROP TABLE authors;

-- migrate:downgrade
CREATE TABLE authors (
    id INTEGER NOT NULL,
    name VARCHAR(100) NOT NULL,
    email TEXT,
    born DATE,
    rating NUMERIC(4,2) DEFAULT 0,
    active BOOLEAN NOT NULL DEFAULT true,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT pk_authors PRIMARY KEY (id),
    CONSTRAINT uq_authors_email UNIQUE (email),
    CONSTRAINT ck_authors_rating CHECK (rating >= 0)
);
CREATE INDEX ix_authors_active ON authors (created_at DESC) WHERE active;
CREATE INDEX ix_authors_lower_name ON authors ((lower(name)));
CREATE TABLE books (
    id INTEGER NOT NULL,
    author_id INTEGER NOT NULL,
    title TEXT NOT NULL,
    isbn CHAR(13),
    pages SMALLINT,
    price DOUBLE,
    CONSTRAINT pk_books PRIMARY KEY (id),
    CONSTRAINT uq_books_author_id_title UNIQUE (author_id, title),
    CONSTRAINT fk_books_author_id_authors FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE TABLE reviews (
    book_id INTEGER NOT NULL,
    reviewer TEXT NOT NULL,
    body TEXT,
    CONSTRAINT pk_reviews PRIMARY KEY (book_id, reviewer),
    CONSTRAINT fk_reviews_book_id_books FOREIGN KEY (book_id) REFERENCES books (id)
);
CREATE VIEW book_titles AS
SELECT b.id, b.title, a.name AS author FROM books b JOIN authors a ON a.id = b.author_id;
CREATE VIEW prolific AS
SELECT author, count(*) AS n FROM book_titles GROUP BY author;

-- warnings
-- drop view prolific
-- drop view book_titles
-- drop table reviews: its rows are lost
-- drop table books: its rows are lost
-- drop table authors: its rows are lost
