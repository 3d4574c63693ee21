## The status report as a PDF (jobbro_formats::status_pdf) and its link on the programme page.
pdf-download = Hämta status som PDF
pdf-kind = Statusrapport
pdf-programme-id = Program-id
pdf-as-of = Status per
pdf-note = Skapad av jobbro utifrån programmets tidslinje. Siffrorna är desamma som på programsidan och i rapporten som JSON, CSV och Excel.
pdf-suppressed-note = – betyder dolt för att skydda små grupper: antal under { $n } (andra än 0) och antal som de skulle kunna räknas ut från.
pdf-key-figures = Nyckeltal
pdf-chart-situation = Situation nu (aktiva deltagare)
pdf-chart-best-outcome = Bästa resultat (alla antagna)
pdf-figures-heading = Siffrorna
pdf-share = Andel av målet
pdf-percent = { $n } %
pdf-total = Totalt
pdf-measure-situation = Situation nu
pdf-measure-best-outcome = Bästa resultat
pdf-follow-up-none = Ingen uppföljning ännu.
