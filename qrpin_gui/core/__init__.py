"""Qt-free, I/O-free core: data classes parsed from Graph JSON, PIN rules, derived status.

Nothing here imports Qt, the async Qt loop, httpx or touches the network or the disk. Every data
class is a frozen, slotted dataclass; datetimes are timezone-aware UTC; ``None`` means "the
service did not say" (or, for ``last_used``, "never used").

Modules and the names they hold:

``qrpin_gui.core.models``
    ``User``, ``QrImage`` (repr hides the SVG and raw payload), ``QrCode``, ``QrPin`` (repr
    hides the code), ``QrMethod`` (``children_loaded`` False when the service did not
    inline standardQRCode/temporaryQRCode/pin; ``with_children(...)`` merges child GETs),
    ``PolicyState``, ``PolicyTarget``, ``Policy`` (``Policy.default()`` = tenant defaults
    8 / 365 with ``assumed=True``), ``AdministrativeUnit``, ``DirectoryRole``,
    ``ScopedRoleMembership``, lifetime/length constants; and the roster types:
    ``FetchKind`` (UNKNOWN / LOADED / FAILED / NOT_MANAGEABLE), ``FailureReason``,
    ``FetchState`` (``FetchState.unknown()``, ``.loaded()``, ``.failed(reason,
    error_code=None)``, ``.not_manageable_because(reason, error_code=None)``),
    ``RosterRow`` (user, method, fetch, admin_roles, stores, manage verdict, fetched_at;
    ``with_method(method, fetched_at)``, ``with_failure(reason, error_code)``,
    ``with_not_manageable(reason)``, ``with_memberships(...)``; a row never keeps a PIN
    code or QR image: they are stripped on construction). It also re-exports
    ``capability``, so ``from qrpin_gui.core.models import AdminCapability`` works.

``qrpin_gui.core.capability``
    Role template ids (``ROLE_AUTHENTICATION_ADMINISTRATOR``,
    ``ROLE_PRIVILEGED_AUTHENTICATION_ADMINISTRATOR``,
    ``ROLE_AUTHENTICATION_POLICY_ADMINISTRATOR``, ``ROLE_GLOBAL_READER``),
    ``ManageGrant``, ``NotManageableReason``, ``ManageVerdict``, ``ScopedRole``,
    ``DirectoryRole``, ``ScopedRoleMembership``, ``AdminCapability``
    (``AdminCapability.from_graph(tenant_roles, scoped_memberships, role_templates,
    admin_id=...)``, ``can_manage(user_id, member_of_units, target_admin_roles) ->
    ManageVerdict`` (``.allowed``, ``.grant``, ``.denial``, ``.can_read``, ``.is_self``),
    ``can_read(member_of_units, target_admin_roles)``, ``can_read_policy``,
    ``can_write_policy``, ``managed_unit_ids``, ``is_tenant_wide``, ``can_manage_anyone``).

``qrpin_gui.core.parse``
    ``ParseError(ValueError)`` (message names the field path; never a value), and
    ``parse_user``, ``parse_qr_method``, ``parse_qr_code``, ``parse_qr_image``,
    ``parse_qr_pin``, ``parse_policy``, ``parse_administrative_unit``,
    ``parse_directory_role``, ``parse_scoped_role_membership``, ``parse_datetime``,
    ``parse_page(data, parser)`` (-> ``Page(items, next_link, count)``),
    ``parse_list(items, parser)``, ``unwrap_value``. Every parser is ``parser(data,
    path=...)``; the path prefixes error messages.

``qrpin_gui.core.status``
    ``RowStatus`` (the one primary status for the status column), ``StatusFlag`` (a set for
    filters), ``DerivedStatus``, ``derive_status(row, now, expiring_within_days=14)``.

``qrpin_gui.core.pins``
    ``PinProblem`` (Enum), ``check(pin, min_length=8) -> list[PinProblem]`` (empty list =
    acceptable), ``generate(length) -> str`` (``secrets``-based), ``clamp_min_length``,
    ``PIN_MIN_LENGTH``, ``PIN_MAX_LENGTH``.
"""
