-- migrate:upgrade
ALTER TABLE authors ADD CONSTRAINT fk_authors_best_book_id_books FOREIGN KEY (best_book_id) REFERENCES books (id);
ALTER TABLE books ADD CONSTRAINT fk_books_author_id_authors FOREIGN KEY (author_id) REFERENCES authors (id);

-- migrate:downgrade
ALTER TABLE books DROP CONSTRAINT fk_books_author_id_authors;
ALTER TABLE authors DROP CONSTRAINT fk_authors_best_book_id_books;
