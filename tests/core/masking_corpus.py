"""The masking corpus: comments with their personal data marked, and comments to keep as they are.

Personal data is marked ``[[kind:value]]``: :func:`plain` gives the comment a customer wrote,
:func:`expected` the comment as :func:`passives_lib.mask_personal_data` must return it (each
mark replaced by ``[kind]``). ``KEPT`` holds comments where nothing is personal: dates, times,
order and product numbers, prices, sizes and ordinary words after a cue, which must come back
unchanged. ``KNOWN_MISSES`` are marked truthfully but not caught (the module doc says why);
they count against recall in ``python -m bench.masking`` and are left out of the exact tests.
"""

from __future__ import annotations

import re

MARK = re.compile(r"\[\[([a-z ]+):(.+?)\]\]")

MASKED = {
    "en": [
        "Call me on [[phone:07911 123456]] after 6pm",
        "my mobile is [[phone:+44 7911 123456]].",
        "office [[phone:020 7946 0018]] or [[phone:(020) 7946 0019]]",
        "Call[[phone:07700900125]] tonight",
        "ring [[phone:+1 212 736 5000]] in New York",
        "US line [[phone:(212) 736-5000]] please",
        "phone number: [[phone:0161 496 0000]]",
        "card [[card:4111 1111 1111 1111]] was charged twice",
        "card [[card:4111-1111-1111-1111]] charged",
        "they kept [[card:4111111111111111]] on file",
        "Mastercard [[card:5500 0000 0000 0004]]",
        "amex [[card:378282246310005]] declined",
        "used [[card:6011111111111117]] yesterday",
        "IBAN [[iban:GB82 WEST 1234 5698 7654 32]] thanks",
        "refund to [[iban:gb82west12345698765432]] please",
        "pay to [[iban:DE89370400440532013000]]",
        "my iban is [[iban:de89 3704 0044 0532 0130 00]].",
        "sort code [[sort code:20-00-00]] account [[account number:12345678]]",
        "SORT CODE: [[sort code:40 47 84]]",
        "Sort-code [[sort code:404784]] please",
        "bank details [[sort code:20-00-00]] [[account number:31926819]]",
        "account number [[account number:55779911]] was debited",
        "I live at [[postcode:SW1A 1AA]] London",
        "deliver to [[postcode:sw1a 1aa]] not my old flat",
        "postcode [[postcode:ec1a 1bb]]",
        "Manchester [[postcode:M1 1AE]] store",
        "send it to [[postcode:CR2 6XH]]",
        "[[postcode:b33 8th]] branch is rude",
        "my postcode is [[postcode:DN551PT]]",
        "New York, NY [[postcode:10001]]",
        "zip [[postcode:90210-1234]]",
        "server [[ip address:192.168.0.12]] failed",
        "login from [[ip address:2001:db8::8a2e:370:7334]] blocked",
        "address [[ip address:fe80::1ff:fe23:4567:890a]] flagged",
        "mail [[email:jo.b@example.com]] or [[email:JANE+news@mail.example.co.uk]]",
        "see [[link:https://example.com/x?a=1]]",
        "NI number [[national id:AB 12 34 56 C]]",
        "ssn [[national id:123-45-6789]]",
        "born [[date of birth:12/03/1985]]",
        "date of birth: [[date of birth:3 March 1985]]",
        "my name is [[name:Jo Bloggs]] and I waited",
        "My name's [[name:Aisha]] and the app crashed",
        "I'm [[name:Priya]], happy overall",
        "I\u2019m [[name:Priya]]",
        "I AM [[name:Jo]], hello",
        "Hi, this is [[name:Jane Smith]] from accounts.",
        "This is [[name:Tom]]. The delivery was late.",
        "[[name:Jane]] here, the parcel never came",
        "Hi, [[name:Jane Smith]] here - still waiting",
        "[[name:Jane]] from Leeds here. Slow support.",
        "Regards, [[name:Jane Smith]]",
        "Kind regards,\n[[name:Pierre Dubois-Martin]]",
        "Best regards [[name:John O'Brien]]",
        "Thanks,\n[[name:Jane]]",
        "Cheers - [[name:Mike]]",
        "Thank you, [[name:Anne-Marie Lewis]].",
        "Yours sincerely, Dr. [[name:Patel]]",
        "Spoke to Mr [[name:Smith]] in store",
        "Mrs. [[name:Jones]] was very helpful",
        "ask for Ms [[name:Amelia Clarke]]",
        "Dr [[name:Robert van der Berg]] signed it",
        "Having someone (Dr [[name:Howard]]) who listened",
        "Best wishes, [[name:J. Smith]]",
        "Sincerely, [[name:Zoë Ødegaard]]",
        "\u0131 am [[name:Jo]]",
        "Très bien, I am [[name:Jo]]",
    ],
    "fr": [
        "appelez-moi au [[phone:06 12 34 56 78]] svp",
        "mon numéro : [[phone:06.12.34.56.78]]",
        "fixe [[phone:01 42 68 53 00]]",
        "joignable au [[phone:+33 6 12 34 56 78]]",
        "depuis l'étranger [[phone:+33 1 42 68 53 00]]",
        "mon portable [[phone:0612345678]]",
        "carte [[card:4111 1111 1111 1111]] débitée deux fois",
        "ma carte bleue [[card:4970 1000 0000 0063]] refusée",
        "virement sur [[iban:FR76 3000 6000 0112 3456 7890 189]]",
        "IBAN [[iban:fr1420041010050500013m02606]] merci",
        "écrivez à [[email:marie.dupont@exemple.fr]]",
        "Je m'appelle [[name:Marie Dupont]] et je suis déçue",
        "je m\u2019appelle [[name:Hélène]], cliente depuis 10 ans",
        "Mon nom est [[name:Jean-Luc Mélenchon]].",
        "Moi c'est [[name:Amélie]], fidèle cliente",
        "Cordialement, [[name:Pierre Dubois-Martin]]",
        "le seuil en vigueur  Cordialement [[name:Fernand DAGON]]",
        "Cordialement, [[name:JEAN-Marie]]",
        "Bien cordialement\n[[name:François Lefèvre]]",
        "Bien à vous, [[name:Élodie Roux]]",
        "Merci,\n[[name:Léa]]",
        "vu avec M. [[name:Dupont]] au magasin",
        "Mme [[name:Lefèvre]] très aimable",
        "Madame [[name:Marie-Claire Fontaine]] m'a aidée",
        "Mlle [[name:Durand]] au rayon jardin",
        "Monsieur [[name:Jean de la Fontaine]] conseille bien",
        "adresse IP [[ip address:10.0.0.254]] bloquée",
    ],
}

KEPT = {
    "en": [
        "on 12.03.2025 it broke",
        "ordered 12/03/2025, arrived 19/03/2025",
        "since 2025-03-12 10:30 nothing",
        "delivered 12-03-25 at 14:30",
        "it came on 12.03.25",
        "waited from 9:15 to 17:45:30 on the phone",
        "order 12345678 late",
        "order #ORD-2026-001234",
        "order no. 0612345678 never shipped",
        "ref 4111111111111111 on the invoice",
        "invoice 20250312001 wrong",
        "ticket 1234567 still open",
        "SKU 5012345678900 out of stock",
        "item 4006381333931 broke",
        "product code AB12CDEF34567890 missing",
        "code GB12 ABCD 1234 5678 9012 34 on the box",
        "ORD12345678",
        "tracking 1Z999AA10123456784 stuck",
        "paid £1,299.99 for this",
        "costs $1,234,567 apparently",
        "only €49.90 in the sale",
        "USD 250 000 budget",
        "5'4\" 120 lbs, 34-26-36, 34d",
        "I wear size 12, 5'2\", 110, 32-26-36.",
        "version 1.2.3 crashed",
        "I scored 10 in 2025",
        "1st, 2nd and 3rd visits, take the A1 1st exit",
        "the m4 3rd junction is shut",
        "I am happy with it",
        "I'm Very pleased",
        "I am Not impressed",
        "This is Great service",
        "this is Amazing, truly",
        "Thanks, Great service",
        "Everything here, was fine.",
        "Delivery here.",
        "The staff here, are lovely",
        "Best, Quality ever in town",
        "Dress fits well",
        "Miss the old design",
        "size M. The fit is great",
        "12345 steps to checkout",
        "call centre number 0 stars",
        "rated 7/10, 8/10 before",
        "Thanks to Aisha",
        "This is NHS Ambulance drivers not taxi.",
        "Landing here - feel of rehabilitation",
    ],
    "fr": [
        "livré le 12/03/2025 à 14h30",
        "commande n° 0612345678 jamais reçue",
        "commande 12345678 en retard",
        "facture 2025031200 erronée",
        "réf 4111111111111111 sur le ticket",
        "article 3017620422003 en rupture",
        "payé 1 299,00 € pour rien",
        "prix 49,90 € trop cher",
        "ouvert de 9h00 à 18h30",
        "le 12.03.2025 à 10h30",
        "Je m'appelle reviens demain",
        "Merci, Super service",
        "Cordialement",
        "Mme très aimable",
        "code postal 75011 Paris",
        "j'ai 3 enfants et 2 chiens",
        "note 8/10",
        "des emballages de 10 M. Dommage que vous ne coupiez pas",
    ],
}

# Marked truthfully, not caught: no cue before the name, a lower-case name, a number too short.
KNOWN_MISSES = {
    "en": [
        "thanks to [[name:Aisha]] at the till",
        "i'm [[name:jo]] btw",
        "call [[phone:555-0134]] locally",
    ],
    "fr": [
        "[[name:Sophie]] a été super",
        "au [[postcode:75011]] Paris",
    ],
}


def plain(marked: str) -> str:
    """The comment as the customer wrote it (marks removed)."""
    return MARK.sub(lambda m: m.group(2), marked)


def expected(marked: str) -> str:
    """The comment as masking must return it (each mark replaced by ``[kind]``)."""
    return MARK.sub(lambda m: f"[{m.group(1)}]", marked)


def spans(marked: str) -> list[tuple[int, int]]:
    """Where the marked personal data lies in :func:`plain` (start, end)."""
    found, shift = [], 0
    for m in MARK.finditer(marked):
        start = m.start() - shift
        found.append((start, start + len(m.group(2))))
        shift += len(m.group(0)) - len(m.group(2))
    return found
