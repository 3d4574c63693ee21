## Hent en sides tabel.
download-xlsx = Hent som regneark (Excel)
