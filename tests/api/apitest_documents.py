"""Test documents made on the fly (each number gives different bytes, so no dedupe between them),
and a tiny labelled corpus in the layout of corpora/ (manifest.jsonl + labels.jsonl)."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "某市城市生活垃圾分类管理办法.txt"


def regulation(n: int) -> bytes:
    """The shipped example regulation (credit clauses in 第五条–第七条) under 文号 某政〔2020〕n号."""
    return EXAMPLE.read_text(encoding="utf-8").replace("某政〔2020〕12号", f"某政〔2020〕{n}号").encode()


def plain(n: int) -> bytes:
    """A notice with no credit clause at all."""
    return (f"某市人民政府办公室关于做好第{n}批节假日值班工作的通知\n\n"
            "一、各单位应当安排专人值班，保持通讯畅通。\n\n二、值班人员应当做好值班记录，遇有重大事项及时报告。\n").encode()


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


POSITIVE = {
    "sharing": "将企业违法信息纳入市公共信用信息平台，记入其信用记录。",
    "blacklist": "对情节严重的，列入严重失信主体名单并向社会公布。",
    "punishment": "对失信主体依法实施联合惩戒，限制其参与政府采购和招标投标。",
}
NEGATIVE = ["违反本办法规定的，处二千元以上一万元以下罚款。", "本办法自发布之日起施行。",
            "市城市管理部门负责本办法的组织实施。", "本办法所称生活垃圾，是指日常生活中产生的固体废物。"]


def example_clause(location: str) -> str:
    return next(line for line in EXAMPLE.read_text(encoding="utf-8").splitlines() if line.startswith(location))


# In the test split, so a correction of this clause must never be trained on.
TEST_SPLIT_CLAUSE = example_clause("第六条")


def write_corpus(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    manifest, labels = [], []
    for d in range(10):
        doc = f"d{d:02d}"
        manifest.append({"id": doc, "split": "test" if d >= 8 else "dev" if d == 7 else "train"})
        texts = [(f"{text}（{d}-{v}）", [label]) for label, text in POSITIVE.items() for v in range(2)]
        texts += [(f"{text}（{d}）", []) for text in NEGATIVE]
        rows = [{"doc": doc, "clause": f"c{k}", "text": f"第{k}条 {text}", "labels": ls}
                for k, (text, ls) in enumerate(texts, 1)]
        if d == 9:
            rows.append({"doc": doc, "clause": "c99", "text": TEST_SPLIT_CLAUSE, "labels": ["sharing", "blacklist"]})
        labels += rows
    (root / "manifest.jsonl").write_text("".join(json.dumps(m) + "\n" for m in manifest), encoding="utf-8")
    (root / "labels.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in labels),
                                       encoding="utf-8")
    return root
