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
% if warnings:
--
% for w in warnings:
-- WARNING: ${w}
% endfor
% endif

-- migrate:upgrade
${upgrades}

-- migrate:downgrade
${downgrades}
