"""Print the problem codes of the catalogue as a Markdown table: ``python -m ita_xlsx.messages``.

docs/problem-codes.md is this output; a test keeps the two in step.
"""

from ita_xlsx.messages import problem_codes_markdown

print(problem_codes_markdown(), end="")
