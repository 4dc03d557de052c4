"""Country names, for reading a line of countries written one after another with spaces between
("Belgium Bosnia and Herzegovina The Netherlands +6"). A line is read as countries only when every word
of it belongs to a name here; otherwise it is not taken apart at all.
"""
from __future__ import annotations

import re

_NAMES = """
Afghanistan; Albania; Algeria; Andorra; Angola; Argentina; Armenia; Australia; Austria; Azerbaijan; Bahamas; Bahrain;
Bangladesh; Barbados; Belarus; Belgium; Belize; Benin; Bhutan; Bolivia; Bosnia and Herzegovina; Botswana; Brazil;
Brunei; Bulgaria; Burkina Faso; Burundi; Cambodia; Cameroon; Canada; Cape Verde; Central African Republic; Chad; Chile;
China; Colombia; Congo; Costa Rica; Côte d'Ivoire; Croatia; Cuba; Cyprus; Czechia; Czech Republic; Denmark; Djibouti;
Dominican Republic; Ecuador; Egypt; El Salvador; Estonia; Eswatini; Ethiopia; Fiji; Finland; France; Gabon; Gambia;
Georgia; Germany; Ghana; Greece; Guatemala; Guinea; Haiti; Honduras; Hong Kong; Hungary; Iceland; India; Indonesia; Iran;
Iraq; Ireland; Israel; Italy; Jamaica; Japan; Jordan; Kazakhstan; Kenya; Korea; South Korea; Republic of Korea; Kosovo;
Kuwait; Kyrgyzstan; Laos; Latvia; Lebanon; Lesotho; Liberia; Libya; Liechtenstein; Lithuania; Luxembourg; Macau;
Madagascar; Malawi; Malaysia; Maldives; Mali; Malta; Mauritius; Mexico; Moldova; Monaco; Mongolia; Montenegro; Morocco;
Mozambique; Myanmar; Namibia; Nepal; Netherlands; The Netherlands; New Zealand; Nicaragua; Niger; Nigeria;
North Macedonia; Norway; Oman; Pakistan; Palestine; Panama; Papua New Guinea; Paraguay; Peru; Philippines; Poland;
Portugal; Puerto Rico; Qatar; Romania; Russia; Russian Federation; Rwanda; Saudi Arabia; Senegal; Serbia; Singapore;
Slovakia; Slovenia; South Africa; Spain; Sri Lanka; Sudan; Sweden; Switzerland; Syria; Taiwan; Tajikistan; Tanzania;
Thailand; Togo; Trinidad and Tobago; Tunisia; Turkey; Türkiye; Turkmenistan; Uganda; Ukraine; United Arab Emirates;
United Kingdom; United States; Uruguay; Uzbekistan; Venezuela; Vietnam; Viet Nam; Yemen; Zambia; Zimbabwe
"""
COUNTRY_NAMES = frozenset(name.strip() for name in _NAMES.replace("\n", " ").split(";"))
_LONGEST = max(len(name.split()) for name in COUNTRY_NAMES)


def read_countries(text: str) -> tuple[list[str], int] | None:
    """"Belgium Czechia The Netherlands +6" → (["Belgium", "Czechia", "The Netherlands"], 6); None when a
    word of the line is not part of a country's name (the line is then no list of countries)."""
    words = text.replace(",", " , ").split()
    countries, more, index = [], 0, 0
    while index < len(words):
        if words[index] == ",":
            index += 1
            continue
        if re.fullmatch(r"\+\d+", words[index]):
            more += int(words[index][1:])
            index += 1
            continue
        for size in range(min(_LONGEST, len(words) - index), 0, -1):
            name = " ".join(words[index:index + size])
            if name in COUNTRY_NAMES:
                countries.append(name)
                index += size
                break
        else:
            return None
    return (countries, more) if countries else None
