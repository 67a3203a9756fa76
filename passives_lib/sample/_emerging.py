"""The emerging theme of the synthetic survey: absent at first, growing over the last weeks.

It is the catalogue's last theme (:data:`passives_lib.sample._catalogue._THEMES`), so that the
seeded output of the other themes does not depend on it.
"""

from __future__ import annotations

import numpy as np

from passives_lib.sample._planted import _Theme

EMERGING_THEME = "login_after_update"
# Extra weight by score group, scaled by week (third-last, second-last, last).
_EMERGING_GROUP = np.array([1.0, 0.8, 0.6, 0.08])
_EMERGING_LEVEL = np.array([0.0, 0.05, 0.14, 0.32])

EMERGING: _Theme = _Theme(
    "login_after_update",
    "Cannot log in since the latest app update; two-factor codes never arrive",
    "medium",
    False,
    "detractors",
    False,
    (0.0, 0.0, 0.0, 0.0),
    (
        "I can't log in since the last app update.",
        "Since the update the login page just spins.",
        "The two-factor code never arrives.",
        "The 2FA text message never comes through, so I'm locked out.",
        "After updating the app it keeps saying my password is wrong.",
        "Locked out of my account since yesterday's update.",
        "Login is broken after the latest update.",
        "The verification code email never shows up.",
        "I updated the app and now I can't sign in at all.",
        "Every time I log in it asks for a code that never arrives.",
        "The new version logged me out and won't let me back in.",
        "Can't access my account after the update, please fix asap.",
        "Two-factor authentication has been broken since the update.",
        "Sign-in fails on the new app version.",
        (
            "Since the update I have to reset my password every single day and the reset "
            "email takes twenty minutes to arrive."
        ),
        "Stuck in a login loop after the update.",
    ),
)
