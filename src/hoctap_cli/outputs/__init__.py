"""Every output hoctap writes, registered once by name (see ``registry``)."""
