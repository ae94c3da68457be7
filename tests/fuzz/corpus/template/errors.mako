${nope}
% if
% endfor
${message | frob}
${message
<%text>
