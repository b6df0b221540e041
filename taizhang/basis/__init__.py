"""Legal basis and compliance against 国办发〔2020〕49号: citations, their levels,
the ledger's basis columns, a disposal suggestion and risks."""
