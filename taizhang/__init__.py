"""taizhang: scan a department's documents into draft 失信约束措施清理规范 ledger rows."""
