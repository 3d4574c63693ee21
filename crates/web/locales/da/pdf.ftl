## The status report as a PDF (jobbro_formats::status_pdf) and its link on the programme page.
pdf-download = Hent status som PDF
pdf-kind = Statusrapport
pdf-programme-id = Program-id
pdf-as-of = Status pr.
pdf-note = Lavet af jobbro ud fra programmets tidslinje. Tallene er de samme som på programsiden og i rapporten som JSON, CSV og Excel.
pdf-suppressed-note = – betyder skjult for at beskytte små grupper: tal under { $n } (andre end 0) og tal, som de kunne regnes ud fra.
pdf-key-figures = Hovedtal
pdf-chart-situation = Situation nu (aktive deltagere)
pdf-chart-best-outcome = Bedste resultat (alle optagne)
pdf-figures-heading = Tallene
pdf-share = Andel af målet
pdf-percent = { $n } %
pdf-total = I alt
pdf-measure-situation = Situation nu
pdf-measure-best-outcome = Bedste resultat
pdf-follow-up-none = Ingen opfølgning endnu.
