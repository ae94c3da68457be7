-- migrate:upgrade
DROP VIEW prolific;
DROP VIEW book_titles;
DROP TABLE reviews;
DROP TABLE books;
DROP TABLE authors;

-- migrate:downgrade
CREATE TABLE authors (
    id integer NOT NULL,
    name character varying(100) NOT NULL,
    email text,
    born date,
    rating numeric(4,2) DEFAULT 0,
    active boolean NOT NULL DEFAULT true,
    created_at timestamp without time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT pk_authors PRIMARY KEY (id),
    CONSTRAINT uq_authors_email UNIQUE (email),
    CONSTRAINT ck_authors_rating CHECK (rating >= 0::numeric)
);
CREATE INDEX ix_authors_active ON authors (created_at DESC) WHERE active;
CREATE INDEX ix_authors_lower_name ON authors ((lower(name::text)));
CREATE TABLE books (
    id integer NOT NULL,
    author_id integer NOT NULL,
    title text NOT NULL,
    isbn character(13),
    pages smallint,
    price double precision,
    CONSTRAINT pk_books PRIMARY KEY (id),
    CONSTRAINT uq_books_author_id_title UNIQUE (author_id, title),
    CONSTRAINT fk_books_author_id_authors FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE TABLE reviews (
    book_id integer NOT NULL,
    reviewer text NOT NULL,
    body text,
    CONSTRAINT pk_reviews PRIMARY KEY (book_id, reviewer),
    CONSTRAINT fk_reviews_book_id_books FOREIGN KEY (book_id) REFERENCES books (id)
);
CREATE VIEW book_titles AS
SELECT b.id,
    b.title,
    a.name AS author
   FROM books b
     JOIN authors a ON a.id = b.author_id;
CREATE VIEW prolific AS
SELECT book_titles.author,
    count(*) AS n
   FROM book_titles
  GROUP BY book_titles.author;

-- warnings
-- drop view public.prolific
-- drop view public.book_titles
-- drop table public.reviews: its rows are lost
-- drop table public.books: its rows are lost
-- drop table public.authors: its rows are lost
