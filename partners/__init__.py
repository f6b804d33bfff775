"""The structures named on fiches, as partners or operators (or a kind of structures, such as
« Centres sociaux »); the public directory of partners and its admin."""
