"""Fixed identities of the demo tenant and the Microsoft constants it models."""

from __future__ import annotations

DEMO_TENANT_ID = "7d3e1a52-4c6b-4f0e-9a8d-2b1c0e5f6a73"
DEMO_TENANT_DOMAIN = "contoso-retail.example"
DEMO_CLIENT_ID = "2b5c7f3e-9d41-4a8e-b6c2-0f1e3d5a7c90"
"""The demo's public client id (the app registration the sign-in endpoints know)."""

GRAPH_RESOURCE = "https://graph.microsoft.com"
GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000"

# Built-in Entra role template ids (docs/graph-qrpin-api.md §2.10, plus two admin roles
# the seed hands to people a store manager must not touch).
ROLE_AUTHENTICATION_ADMIN = "c4e39bd9-1100-46d3-8c65-fb160da0071f"
ROLE_PRIVILEGED_AUTHENTICATION_ADMIN = "7be44c8a-adaf-4e2a-84d6-ab2649e08a13"
ROLE_AUTHENTICATION_POLICY_ADMIN = "0526716b-113d-4c15-b2c8-68e3c22b9f80"
ROLE_GLOBAL_READER = "f2ef992c-3afb-46b9-b7cf-a126ee74c451"
ROLE_HELPDESK_ADMIN = "729827e3-9c14-49f7-bb1b-9608f156bbb8"
ROLE_USER_ADMIN = "fe930be7-5e62-47db-91af-98c3a49a38b1"

# (template id, activated directoryRole object id, display name, description)
DIRECTORY_ROLES: tuple[tuple[str, str, str, str], ...] = (
    (
        ROLE_PRIVILEGED_AUTHENTICATION_ADMIN,
        "4b1f0c7e-2a39-4d58-9e61-7c3a5b2d8f01",
        "Privileged Authentication Administrator",
        "Can access to view, set and reset authentication method information for any user "
        "(admin or non-admin).",
    ),
    (
        ROLE_AUTHENTICATION_ADMIN,
        "6e2d9a14-5b7c-4f30-8a1e-3c9b7d5f2e02",
        "Authentication Administrator",
        "Can access to view, set and reset authentication method information for any "
        "non-admin user.",
    ),
    (
        ROLE_AUTHENTICATION_POLICY_ADMIN,
        "8a3c5e71-9d2b-4c64-b1f8-5e7a9c3d1b03",
        "Authentication Policy Administrator",
        "Can create and manage the authentication methods policy, tenant-wide MFA settings, "
        "password protection policy, and verifiable credentials.",
    ),
    (
        ROLE_GLOBAL_READER,
        "1d7f3b95-6c4a-4e82-9f3d-8b2e6a4c7d04",
        "Global Reader",
        "Can read everything that a Global Administrator can, but not update anything.",
    ),
    (
        ROLE_HELPDESK_ADMIN,
        "3f9b2d68-7e5a-4a19-8c7b-1d4f6e8a9c05",
        "Helpdesk Administrator",
        "Can reset passwords for non-administrators and Helpdesk Administrators.",
    ),
    (
        ROLE_USER_ADMIN,
        "9c5e7a23-1f8d-4b36-a2c9-6e1b3d5f7a06",
        "User Administrator",
        "Can manage all aspects of users and groups, including resetting passwords for "
        "limited admins.",
    ),
)

ROLE_OBJECT_ID: dict[str, str] = {tpl: oid for tpl, oid, _, _ in DIRECTORY_ROLES}

# Every delegated scope the demo app registration is configured for: what ".default"
# expands to.
DEMO_APP_SCOPES: tuple[str, ...] = (
    "User.Read",
    "User.ReadBasic.All",
    "User.Read.All",
    "Directory.Read.All",
    "GroupMember.Read.All",
    "AdministrativeUnit.Read.All",
    "RoleManagement.Read.Directory",
    "UserAuthMethod-QR.Read",
    "UserAuthMethod-QR.ReadWrite",
    "UserAuthMethod-QR.Read.All",
    "UserAuthMethod-QR.ReadWrite.All",
    "UserAuthenticationMethod.Read",
    "UserAuthenticationMethod.ReadWrite",
    "UserAuthenticationMethod.Read.All",
    "UserAuthenticationMethod.ReadWrite.All",
    "Policy.Read.AuthenticationMethod",
    "Policy.ReadWrite.AuthenticationMethod",
    "Directory.AccessAsUser.All",
)

# Account roles of GET /_demo/accounts.
ACCOUNT_ROLES = ("storeManager", "itAdmin", "globalReader", "policyAdmin", "worker", "adminUser")

NEVER_USED = "0001-01-01T00:00:00Z"
"""What Graph shows as ``lastUsedDateTime`` of a code that was never used."""

MAX_PIN_LENGTH = 20
MAX_STANDARD_LIFETIME_DAYS = 395
TEMPORARY_MIN_HOURS = 1
TEMPORARY_MAX_HOURS = 12
MAX_BATCH_ITEMS = 20
MAX_PAGE_SIZE = 999
DEFAULT_PAGE_SIZE = 100
MAX_BODY_BYTES = 1_000_000
"""Largest request body the demo reads (Graph-style 413 above it)."""
PASSWORD_METHOD_ID = "28c10230-6103-485e-b985-444c60001490"
