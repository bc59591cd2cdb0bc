"""Command-line interface: thin click commands over the library. Only this layer prints or exits."""
