<%doc>
  The "reviewed" scaffold: every revision carries a summary of its
  operations and the warnings of autogenerate in its header, for the
  person who reviews the change. Lines starting with "--" before the first
  section are the header; retort reads only the "Key: value" lines it
  knows (Revision ID, Revises, Depends On, Branch Labels, Create Date).
</%doc>
-- ${message}
--
-- Revision ID: ${up_revision}
-- Revises: ${down_revision | comma}
-- Create Date: ${create_date}
% if branch_labels:
-- Branch Labels: ${branch_labels | comma}
% endif
% if depends_on:
-- Depends On: ${depends_on | comma}
% endif
--
-- Review
% if dialect:
--   dialect: ${dialect}
% endif
% if upgrade_ops:
--   operations:
% for op in upgrade_ops:
%   if op.destructive:
--     - DESTRUCTIVE: ${op.summary}
%   else:
--     - ${op.summary}
%   endif
% endfor
% else:
--   operations: none generated (written by hand)
% endif
% if warnings:
--   warnings:
% for w in warnings:
--     - ${w}
% endfor
% endif
--   checklist:
--     [ ] the downgrade restores the previous schema
--     [ ] data is migrated, not dropped
--     [ ] long locks on big tables are avoided (CREATE INDEX CONCURRENTLY
--         needs "transaction:false" on its section)

-- migrate:upgrade
${upgrades}

-- migrate:downgrade
${downgrades}
