"""Views of the volunteers app, one module per audience: the public signup, the
volunteer's own Mijn Koppel, and the coordinator's pages (list, detail, import)."""
