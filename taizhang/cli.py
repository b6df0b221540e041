"""`taizhang` command line: scan, ledger, train, eval, bench; serve and user add for the review service."""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from classifier.model import DEFAULT_MODEL


def _progress(total: int, what: str):
    from tqdm import tqdm

    return tqdm(total=total, unit="file", desc=what, file=sys.stderr, disable=not sys.stderr.isatty())


def _input_paths(paths: list[str]) -> list[Path]:
    from extractor import iter_paths

    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        sys.exit(f"taizhang: 找不到文件或文件夹：{', '.join(missing)}")
    return list(iter_paths(paths))


def _scan_records(args):
    """Yields every record; the caller decides what to do with failures."""
    from .scan import scan_paths

    paths = _input_paths(args.paths)
    with _progress(len(paths), "扫描") as bar:
        for records in scan_paths(paths, model_path=args.model, workers=args.workers):
            bar.update(1)
            yield from records


def cmd_scan(args) -> int:
    failed = False
    out = sys.stdout
    for record in _scan_records(args):
        failed |= record["error"] is not None
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        out.flush()
    return 1 if failed else 0


def cmd_ledger(args) -> int:
    from .ledger_file import NEAR_SHEET, UNREAD_SHEET, near_flag_notes, write_csv, write_xlsx
    from .ledger_row import involves_any

    out = Path(args.output)
    if args.csv and out.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        sys.exit(f"taizhang: --csv 写出的是 CSV 文件，不能存为 {out.name}（Excel 无法打开）；请改用 .csv 文件名，或去掉 --csv。")
    if not out.parent.is_dir():
        # Checked before the scan, which may take minutes.
        sys.exit(f"taizhang: 输出文件夹不存在：{out.parent}。请先建好文件夹，或换一个 -o 路径。")
    rows, near, unread, seen = [], [], [], {}
    for record in _scan_records(args):
        if record["error"]:
            unread.append((record["file"], record["error"]["code"], record["error"]["message"]))
            print(f"{record['file']}: {record['error']['code']}: {record['error']['message']}", file=sys.stderr)
        elif record["sha256"] in seen:
            # A copy (…- 副本.doc, the same file inside an e-mailed zip) is one document: one row.
            print(f"{record['file']}: 与 {seen[record['sha256']]} 内容完全相同，台账只列一行。", file=sys.stderr)
        else:
            seen[record["sha256"]] = record["file"]
            if involves_any(record["ledger_row"]):
                rows.append(record["ledger_row"])
            elif record["ledger_row"].get("near_flags"):
                near.append(record["ledger_row"])
    if args.csv or out.suffix.lower() == ".csv":
        write_csv(rows, out, unit=args.unit, contact=args.contact)
        where = "（见上方各行）"
        for row in near:
            # CSV holds the template alone; the documents to check are named here instead.
            print(f"待核实：{row['document_name']}：{''.join(near_flag_notes(row))}", file=sys.stderr)
        near_where = "（见上方“待核实”各行）"
    else:
        write_xlsx(rows, out, unit=args.unit, contact=args.contact, unread=unread, near=near)
        where = f"（另列于工作表“{UNREAD_SHEET}”）" if unread else ""
        near_where = f"（列于工作表“{NEAR_SHEET}”）"
    near_line = f"；另有 {len(near)} 个文件未列入但有条款接近判定门槛，请核实{near_where}" if near else ""
    print(f"台账已写入 {out}：{len(rows)} 行（涉及失信约束措施的文件）{near_line}；{len(unread)} 个文件未能读取{where}。",
          file=sys.stderr)
    return 1 if unread else 0


def cmd_train(args) -> int:
    from classifier.train import train

    model = train(out=args.model)
    print(json.dumps({"version": model.version, "thresholds": model.thresholds,
                      "dev": model.metadata["dev"], "test": model.metadata["test"]}, ensure_ascii=False, indent=2))
    return 0


def cmd_eval(args) -> int:
    if args.basis:
        from .basis.evaluate import run

        return run(show_errors=args.errors)
    if args.normative:
        from .normative_check import run

        return run(show_errors=args.errors, model_path=args.model)
    from classifier.corpus import load
    from classifier.model import ClauseModel
    from classifier.train import evaluate

    model = ClauseModel.load(args.model)
    report = evaluate(model, load(), args.split)
    print(f"model {model.version} on the {args.split} split ({report['n_clauses']} clauses, "
          f"{report['documents']['documents']} documents)")
    print(f"{'label':<12}{'precision':>10}{'recall':>10}{'f1':>8}{'support':>9}{'doc acc':>9}{'doc recall':>12}"
          f"{'avg prec':>10}")
    for label, m in report["clauses"].items():
        print(f"{label:<12}{m['precision']:>10.3f}{m['recall']:>10.3f}{m['f1']:>8.3f}{m['support']:>9}"
              f"{report['documents'][label]:>9.3f}{report['document_recall'][label]:>12.3f}"
              f"{report['average_precision'][label]:>10.3f}")
    if args.split != "test":
        print(f"note: the shipped model was fitted on train and dev, so the {args.split} split is in-sample; "
              f"its honest figures are the out-of-fold ones under \"dev\" in {Path(args.model).with_suffix('.json')}")
    return 0


def cmd_bench(args) -> int:
    from .bench import run

    return run(args)


def cmd_serve(args) -> int:
    import logging

    import uvicorn

    from api.app import create_app
    from api.config import Settings

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # One process: the scanning workers and the model live in it (see api/services/scanning.py).
    uvicorn.run(create_app(Settings()), host=args.host, port=args.port, log_level="info")
    return 0


def _read_password(from_stdin: bool) -> str:
    import getpass

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("密码：")
    if password != getpass.getpass("再次输入密码："):
        raise ValueError("两次输入的密码不一致。")
    return password


def cmd_user_add(args) -> int:
    from api.config import Settings
    from api.db import Database
    from api.errors import ApiError
    from api.migrate import upgrade
    from api.services.users import add_user

    settings = Settings()
    settings.ensure_dirs()
    database = Database(settings.db_url())
    try:
        upgrade(database)
        user = add_user(database, args.name, args.unit, args.role, _read_password(args.password_stdin))
    except ApiError as error:
        print(f"taizhang: {error.message}", file=sys.stderr)
        return 1
    finally:
        database.dispose()
    print(f"已创建用户 {user['name']}（{user['unit']}，{user['role']}）。", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="taizhang", description="失信约束措施清理规范：扫描文件，预填台账。")
    sub = parser.add_subparsers(dest="command", required=True)

    def add_scan_args(p):
        p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or .zip archives")
        p.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="parallel processes (default: cores)")
        p.add_argument("--model", type=Path, default=DEFAULT_MODEL, help=argparse.SUPPRESS)

    p = sub.add_parser("scan", help="scan documents, one JSON line per document")
    add_scan_args(p)
    p.add_argument("--jsonl", action="store_true", help="JSON Lines on stdout (the only output format)")
    p.set_defaults(func=cmd_scan)

    p = sub.add_parser("ledger", help="scan documents and write the ledger template (xlsx or csv)")
    add_scan_args(p)
    p.add_argument("-o", "--output", required=True, help="ledger.xlsx or ledger.csv")
    p.add_argument("--unit", help="填报单位")
    p.add_argument("--contact", help="联系人及联系方式")
    p.add_argument("--csv", action="store_true", help="write CSV instead of xlsx")
    p.set_defaults(func=cmd_ledger)

    p = sub.add_parser("train", help="rebuild models/clauses.skops from corpora/")
    p.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    p.set_defaults(func=cmd_train)

    p = sub.add_parser("eval", help="clause P/R/F1 and document accuracy on the test split")
    p.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    p.add_argument("--split", default="test", choices=["train", "dev", "test"])
    p.add_argument("--basis", action="store_true", help="citations, levels, basis columns and risks on corpora/basis/")
    p.add_argument("--normative", action="store_true",
                   help="scan the normative-style check set (corpora/checks/normative/) against its labels")
    p.add_argument("--errors", action="store_true", help="with --basis or --normative: list every disagreement")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("bench", help="scan speed and memory against same-run baselines")
    p.add_argument("--files", type=int, default=200, help="corpus documents to scan")
    p.add_argument("--repeat", type=int, default=3, help="rounds per timed case; each side's fastest counts")
    p.add_argument("--ocr", action="store_true", help="also scanned PDFs read by OCR (about two minutes more)")
    p.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    p.set_defaults(func=cmd_bench)

    p = sub.add_parser("serve", help="run the review service: API, web pages and scanning workers",
                       description="Settings come from TAIZHANG_* environment variables (see README).")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("user", help="manage review service accounts")
    user_sub = p.add_subparsers(dest="user_command", required=True)
    p = user_sub.add_parser("add", help="create an account")
    p.add_argument("name")
    p.add_argument("--unit", required=True, help="单位, e.g. 市交通运输局")
    p.add_argument("--role", required=True, choices=["clerk", "coordinator", "admin"])
    p.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    p.set_defaults(func=cmd_user_add)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (FileNotFoundError, ValueError) as exc:
        print(f"taizhang: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
