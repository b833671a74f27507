"""The licences an editor may give a story: all rights reserved unless they choose to let
other outlets republish it (Creative Commons BY-ND 4.0: unchanged, with credit)."""

from django.db import models


class Licence(models.TextChoices):
    ALL_RIGHTS_RESERVED = "all-rights-reserved", "All rights reserved"
    CC_BY_ND = "cc-by-nd-4.0", "CC BY-ND 4.0: others may republish it unchanged, with credit"


# Where each licence's terms are published; none for all rights reserved.
LICENCE_URLS = {Licence.CC_BY_ND: "https://creativecommons.org/licenses/by-nd/4.0/"}
SHORT_NAMES = {Licence.ALL_RIGHTS_RESERVED: "All rights reserved", Licence.CC_BY_ND: "CC BY-ND 4.0"}
REPUBLISHABLE = {Licence.CC_BY_ND}
