"""The seminars and their livret professionnel: the programme of the day, the PDF booklet given
to participants (also of one fiche, or of a coordinator's selection), its views and admin."""
