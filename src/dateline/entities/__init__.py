"""The entities stage: recognise people, organisations, groups and places, merge every way an
article refers to each of them into one entity, and code them as actors (country, sector, CAMEO
code) with the actor knowledge base."""
