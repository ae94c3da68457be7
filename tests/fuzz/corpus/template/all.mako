## a comment line
<%doc>
  dropped
</%doc>
${message | trim} ${message | upper} ${message | sql} ${down_revision | comma, n}
% if not downgrades:
no downgrades
% elif message == "x":
x
% else:
else
% endif
% for o in upgrade_ops:
${o.kind} ${o.table} ${o.summary} ${o.destructive} \
${o.sql}
% endfor
<%text>${raw} % if</%text>
