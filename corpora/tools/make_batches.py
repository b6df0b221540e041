"""Split candidate clauses into reading batches for human/agent labellers.

Candidates are clauses containing any of a deliberately broad set of trigger
terms; labellers read every candidate and decide its labels under labels.md.
Clauses with no trigger term at all are recorded as unread negatives (see
corpora/README.md, "How labels were made").
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from extractor.backends.text import paragraphs  # noqa: E402
from extractor.segment import segment  # noqa: E402

TRIGGER = re.compile(
    r"信用|诚信|失信|守信|名单|名录|黑名单|记录|档案|公示|公布|公开|曝光|通报|惩戒|限制|禁止|取消|重点监管|"
    r"监管|检查频次|平台|共享|归集|不良|异常|征信|评价|等级|信息系统|资格|招标|采购|评优|承诺|列入|纳入|记入|黑"
)


def main(n_batches: int, first_batch: int = 1, from_doc: str = "d0000") -> None:
    work = ROOT / "corpora" / "work"
    work.mkdir(exist_ok=True)
    docs = []
    for line in open(ROOT / "corpora" / "manifest.jsonl", encoding="utf-8"):
        row = json.loads(line)
        if row["id"] < from_doc:
            continue
        path = ROOT / "corpora" / row["file"]
        clauses = segment(paragraphs(path.read_bytes(), markdown=path.suffix == ".md"))
        cands = [
            {"doc": row["id"], "clause": c.id, "location": c.location, "text": c.text}
            for c in clauses
            if TRIGGER.search(c.text)
        ]
        title = paragraphs(path.read_bytes(), markdown=True)[0].lstrip("# ")
        docs.append((row["id"], title, cands))
    batches: list[list] = [[] for _ in range(n_batches)]
    sizes = [0] * n_batches
    for doc in sorted(docs, key=lambda d: -sum(len(c["text"]) for c in d[2])):
        k = sizes.index(min(sizes))
        batches[k].append(doc)
        sizes[k] += sum(len(c["text"]) for c in doc[2])
    for k, batch in enumerate(batches, first_batch):
        with open(work / f"batch_{k}.jsonl", "w", encoding="utf-8") as fh:
            for doc_id, title, cands in sorted(batch):
                fh.write(json.dumps({"doc": doc_id, "title": title, "candidates": len(cands)}, ensure_ascii=False) + "\n")
                for c in cands:
                    fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    print("candidates", sum(len(d[2]) for d in docs), "chars per batch", sizes)


if __name__ == "__main__":
    # make_batches.py N [FIRST_BATCH_NO FROM_DOC_ID]: later rounds label only new documents.
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 6, *(int(sys.argv[2]), sys.argv[3]) if len(sys.argv) > 3 else ())
