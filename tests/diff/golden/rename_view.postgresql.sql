-- migrate:upgrade
ALTER VIEW user_names RENAME TO names;

-- migrate:downgrade
ALTER VIEW names RENAME TO user_names;
