"""The SPARQL 1.1 Protocol and Graph Store Protocol pieces behind ``/sparql`` and ``/store``."""
