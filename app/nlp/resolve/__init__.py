"""The resolver: evidence in, claims out. ``claims`` combines the rules' attributions into claims,
``speakers`` resolves mentions to sources, ``relay`` builds every claim's relay chain."""
