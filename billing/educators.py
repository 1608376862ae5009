"""Who may buy the educator plan: a verified email on an educational domain, or an admin's approval.

The domain rules are a maintained list: edit ``EDUCATIONAL_PATTERNS`` for a
family of domains and ``EDUCATIONAL_DOMAINS`` for single institutions whose
domain follows no pattern. Unknown schools go through admin approval
("Approve educator" on the Subscription admin).
"""

from __future__ import annotations

import re

from accounts.models import Membership, Organization

# Matched against the whole domain, so "edu.example.com" or "notedu.com" do not qualify.
EDUCATIONAL_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        r"(^|\.)edu$",  # US universities and colleges (.edu)
        r"(^|\.)edu\.[a-z]{2}$",  # .edu.au, .edu.cn, .edu.sg, .edu.br, .edu.mx, .edu.pl ...
        r"(^|\.)ac\.[a-z]{2}$",  # .ac.uk, .ac.jp, .ac.nz, .ac.in, .ac.za, .ac.kr, .ac.il ...
        r"(^|\.)k12\.[a-z]{2}\.us$",  # US public schools: k12.ca.us, k12.ny.us ...
        r"(^|\.)sch\.uk$",  # UK schools
        r"(^|\.)school\.nz$",  # New Zealand schools
        r"(^|\.)schule\.[a-z]{2}$",  # German-speaking schools on schule.de-style domains
    )
)

# Institutions whose domain is not under an educational suffix.
EDUCATIONAL_DOMAINS = frozenset(
    {
        "ethz.ch",
        "epfl.ch",
        "uzh.ch",
        "unibe.ch",
        "unige.ch",
        "tum.de",
        "lmu.de",
        "uni-heidelberg.de",
        "hu-berlin.de",
        "fu-berlin.de",
        "tu-berlin.de",
        "rwth-aachen.de",
        "kth.se",
        "lu.se",
        "uu.se",
        "ku.dk",
        "dtu.dk",
        "uio.no",
        "ntnu.no",
        "helsinki.fi",
        "aalto.fi",
        "uva.nl",
        "tudelft.nl",
        "leidenuniv.nl",
        "uu.nl",
        "kuleuven.be",
        "ugent.be",
        "sorbonne-universite.fr",
        "ens.fr",
        "polytechnique.edu",
        "univ-paris.fr",
        "utoronto.ca",
        "ubc.ca",
        "mcgill.ca",
        "uwaterloo.ca",
        "ualberta.ca",
        "unimi.it",
        "polimi.it",
        "uniroma1.it",
        "ucm.es",
        "ub.edu",
        "uc.pt",
        "ulisboa.pt",
    }
)


def is_educational_domain(domain: str) -> bool:
    domain = domain.strip().lower().rstrip(".")
    if not domain or "." not in domain:
        return False
    if any(domain == d or domain.endswith("." + d) for d in EDUCATIONAL_DOMAINS):
        return True
    return any(p.search(domain) for p in EDUCATIONAL_PATTERNS)


def is_educational_email(email: str) -> bool:
    _, at, domain = email.rpartition("@")
    return bool(at) and is_educational_domain(domain)


def verified_educational_email(organization: Organization) -> str | None:
    """A verified (allauth) educational address of one of the organization's owners or admins."""
    from allauth.account.models import EmailAddress

    managers = Membership.objects.filter(
        organization=organization, role__in=[Membership.Role.OWNER, Membership.Role.ADMIN]
    ).values("user_id")
    for address in EmailAddress.objects.filter(user_id__in=managers, verified=True).values_list(
        "email", flat=True
    ):
        if is_educational_email(address):
            return address
    return None


def is_educator(organization: Organization, *, approved: bool = False) -> bool:
    return approved or verified_educational_email(organization) is not None
