"""Small hand-written lexicons of the entities stage (titles, honorifics, name particles)."""
