"""Offline storage: the protected roster snapshot and the local action journal. Qt-free.

``qrpin_gui.offline.protect``
    ``Protector`` (``protect`` / ``unprotect`` with associated data), ``WindowsDpapiProtector``,
    ``KeyringAesProtector`` (AES-256-GCM, key in the OS keyring via msal-extensions),
    ``AesGcmProtector`` (in-memory key), ``PlaintextProtector`` (consent only),
    ``choose_protector(settings, paths) -> ProtectorChoice`` (``protection``: a ``Protection``
    member the window words a message for; ``protector`` or None; ``reason``).

``qrpin_gui.offline.snapshot``
    ``Snapshot``, ``SnapshotStore(paths, protector).save(snapshot)`` (raises
    ``SnapshotSaveError``) / ``.load(expected_tenant) -> LoadResult`` (never raises;
    ``LoadProblem`` says why there is no snapshot), ``expected_tenant_for(settings)``,
    ``remove_snapshot_files(paths)``.

``qrpin_gui.offline.journal``
    ``Journal(paths.journal_file)``: ``record_action``, ``record_issued`` -> id,
    ``mark_delivered(id, Delivery)``, ``pending_issuances()``, ``read()``; typed values only
    (``Action``, ``Outcome``, ``IssuedSecret``, ``Delivery``, ``Person``).

``qrpin_gui.offline.codec``
    The snapshot's JSON layout of the core data classes. ``qrpin_gui.offline.atomic``: atomic
    writes and setting unusable files aside.
"""
