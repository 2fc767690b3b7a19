"""What the calculator computes and remembers; nothing in here draws on the screen."""
