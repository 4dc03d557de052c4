"""Qt item models over the store: the drug list, the trials table, search hits. They hold keys and
ask the store for rows; they never run SQL themselves."""
