"""The JSON Schema of a question bank, generated from the pydantic models.

Editors such as VS Code (with a YAML extension) use `data/quizzes/schema.json` to check a bank as
it is typed. Regenerate it after changing `models.py`:

    python -m widgets.quizzes.schema > data/quizzes/schema.json
"""

from __future__ import annotations

import json

from widgets.quizzes.models import Bank


def schema_text() -> str:
    schema = Bank.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Question bank (data/quizzes/*.yaml)"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")
