"""govkg: who must, must not, or may do what in laws and policies — and where nobody clearly is.

The installed package. Its parts are ``govkg.ontology`` < ``govkg.ingest`` < ``govkg.kg`` < ``govkg.api``
(each uses only those before it); ``python -m govkg`` and the ``govkg`` command run ``govkg.api.cli``.
In a checkout this folder is installed as ``govkg`` (see setup.py); run from the checkout itself, the
file ``govkg.py`` beside the folders stands in for it.
"""
