"""Stories: the same claim across articles, clustered as articles are stored (see README, "Stories")."""
