import pytest

from billing.educators import is_educational_email


@pytest.mark.parametrize(
    "email",
    [
        "ada@mit.edu",
        "ada@math.berkeley.edu",
        "ada@ox.ac.uk",
        "ada@cs.ucl.ac.uk",
        "ada@unimelb.edu.au",
        "ada@u-tokyo.ac.jp",
        "ada@lausd.k12.ca.us",
        "ada@tsinghua.edu.cn",
        "ada@usp.edu.br",
        "ada@ethz.ch",
        "ada@student.ethz.ch",
        "ada@iitb.ac.in",
        "ADA@MIT.EDU",
        "ada@school.sch.uk",
    ],
)
def test_it_recognizes_educational_domains(email):
    assert is_educational_email(email)


@pytest.mark.parametrize(
    "email",
    [
        "ada@gmail.com",
        "ada@edu.example.com",
        "ada@notedu.com",
        "ada@mit.edu.evil.com",
        "ada@ac.uk.example.org",
        "ada@k12.example.us",
        "ada@fakeethz.ch",
        "not-an-email",
        "ada@edu",
        "",
    ],
)
def test_it_refuses_other_domains(email):
    assert not is_educational_email(email)
