"""QR PIN Manager: manage Microsoft Entra QR code + PIN sign-in for frontline staff."""

__version__ = "0.1.0"
