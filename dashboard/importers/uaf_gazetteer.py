"""Where the places named in Ukrainian Air Force reports are, for mapping only.

Keyed by the name exactly as the upstream file writes it. A region is plotted at its
administrative centre, a sea at a point inside it; directions ("south") and the whole country
have no point and stay off maps. Coordinates are public and rounded to two decimals.
"""

from __future__ import annotations

from typing import NamedTuple


class Gazetteer(NamedTuple):
    country: str
    kind: str
    lat: float | None
    lon: float | None


def _region(country: str, lat: float, lon: float) -> Gazetteer:
    return Gazetteer(country, "region", lat, lon)


def _city(country: str, lat: float, lon: float) -> Gazetteer:
    return Gazetteer(country, "city", lat, lon)


def _airbase(country: str, lat: float, lon: float) -> Gazetteer:
    return Gazetteer(country, "airbase", lat, lon)


_NO_POINT = Gazetteer("", "other", None, None)

PLACES: dict[str, Gazetteer] = {
    # Launch areas in Russia
    "Kursk oblast": _region("Russia", 51.73, 36.19),
    "Oryol oblast": _region("Russia", 52.97, 36.06),
    "Bryansk oblast": _region("Russia", 53.24, 34.36),
    "Voronezh oblast": _region("Russia", 51.67, 39.18),
    "Belgorod oblast": _region("Russia", 50.60, 36.59),
    "Rostov oblast": _region("Russia", 47.24, 39.70),
    "Saratov oblast": _region("Russia", 51.53, 46.03),
    "Tambov oblast": _region("Russia", 52.72, 41.45),
    "Tambov Oblast": _region("Russia", 52.72, 41.45),
    "Ryazan oblast": _region("Russia", 54.63, 39.74),
    "Ryazan Oblast": _region("Russia", 54.63, 39.74),
    "Lipetsk oblast": _region("Russia", 52.61, 39.59),
    "Volgograd oblast": _region("Russia", 48.71, 44.51),
    "Vologda oblast": _region("Russia", 59.22, 39.89),
    "Tula oblast": _region("Russia", 54.19, 37.62),
    "Krasnodar Krai": _region("Russia", 45.04, 38.98),
    "Nizhny Novgorod oblast": _region("Russia", 56.33, 44.00),
    "Astrakhan oblast": _region("Russia", 46.35, 48.04),
    "Samara oblast": _region("Russia", 53.20, 50.15),
    "Primorsko-Akhtarsk": _airbase("Russia", 46.05, 38.17),
    "Millerovo": _airbase("Russia", 48.92, 40.40),
    "Shatalovo": _airbase("Russia", 54.33, 32.47),
    "and Shatalovo": _airbase("Russia", 54.33, 32.47),
    "Yeysk": _city("Russia", 46.71, 38.27),
    "Engels-2": _airbase("Russia", 51.48, 46.21),
    "Caspian Sea, Engels-2": _airbase("Russia", 51.48, 46.21),
    "Taganrog": _city("Russia", 47.22, 38.90),
    "Volgodonsk": _city("Russia", 47.51, 42.15),
    "Olenya": _airbase("Russia", 68.15, 33.46),
    "Olenegorsk": _city("Russia", 68.15, 33.46),
    "Astrakhan oblast, Kapustin Yar": Gazetteer("Russia", "launch site", 48.57, 45.77),
    "Bryansk oblast, Seshcha": _airbase("Russia", 53.72, 33.34),
    "Soltsy-2": _airbase("Russia", 58.14, 30.33),
    "Shaykovka": _airbase("Russia", 54.23, 34.37),
    "Savasleyka": _airbase("Russia", 55.44, 42.31),
    "Morozovsk": _airbase("Russia", 48.35, 41.83),
    "Belgorod": _city("Russia", 50.60, 36.59),
    "Black Sea, Anapa": _city("Russia", 44.89, 37.32),
    "Belarus": Gazetteer("Belarus", "country", 53.90, 27.56),
    # Seas
    "Black Sea": Gazetteer("", "sea", 43.40, 34.30),
    "Caspian Sea": Gazetteer("", "sea", 42.00, 50.50),
    "Caspian Sea, Saratov oblast": Gazetteer("", "sea", 42.00, 50.50),
    "Sea of Azov": Gazetteer("", "sea", 46.00, 36.50),
    "eastern coast of Sea of Azov": Gazetteer("Russia", "region", 46.40, 38.00),
    # Occupied Ukraine (Crimea and the south-east)
    "Crimea": _region("Ukraine", 44.95, 34.10),
    "Chauda, Crimea": Gazetteer("Ukraine", "launch site", 45.00, 35.84),
    "Hvardiiske, Crimea": _airbase("Ukraine", 45.11, 33.98),
    "Hvardiiske": _airbase("Ukraine", 45.11, 33.98),
    "Balaklava, Crimea": _city("Ukraine", 44.50, 33.60),
    "Dzhankoi, Crimea": _city("Ukraine", 45.71, 34.39),
    "Kacha, Crimea": _airbase("Ukraine", 44.78, 33.55),
    "Sevastopol, Crimea": _city("Ukraine", 44.62, 33.52),
    "Cape Tarkhankut, Crimea": Gazetteer("Ukraine", "launch site", 45.35, 32.50),
    "Belbek, Crimea": _airbase("Ukraine", 44.69, 33.58),
    "Black Sea, Yalta": _city("Ukraine", 44.50, 34.17),
    "Black Sea, Feodosia": _city("Ukraine", 45.03, 35.38),
    "Zaporizhzhia oblast, Prymorsk": _city("Ukraine", 46.73, 36.35),
    "Berdiansk": _city("Ukraine", 46.76, 36.79),
    "Tokmak": _city("Ukraine", 47.25, 35.71),
    "Melitopol": _city("Ukraine", 46.85, 35.37),
    "Luhansk oblast": _region("Ukraine", 48.57, 39.31),
    "Donetsk oblast": _region("Ukraine", 48.00, 37.80),
    # Targets in Ukraine
    "Zaporizhzhia oblast": _region("Ukraine", 47.84, 35.14),
    "Kherson oblast": _region("Ukraine", 46.64, 32.62),
    "Odesa oblast": _region("Ukraine", 46.48, 30.72),
    "Odesa oblast, Black Sea": _region("Ukraine", 46.48, 30.72),
    "Mykolaiv oblast": _region("Ukraine", 46.97, 31.99),
    "Kharkiv oblast": _region("Ukraine", 49.99, 36.23),
    "Dnipropetrovsk oblast": _region("Ukraine", 48.46, 35.05),
    "Kyiv oblast": _region("Ukraine", 50.45, 30.52),
    "Kyiv oblast (south)": _region("Ukraine", 50.10, 30.52),
    "Sumy oblast": _region("Ukraine", 50.91, 34.80),
    "Poltava oblast": _region("Ukraine", 49.59, 34.55),
    "Khmelnytskyi oblast": _region("Ukraine", 49.42, 26.99),
    "Chernihiv oblast": _region("Ukraine", 51.49, 31.29),
    "Kirovohrad oblast": _region("Ukraine", 48.51, 32.26),
    "Lviv oblast": _region("Ukraine", 49.84, 24.03),
    "Vinnytsia oblast": _region("Ukraine", 49.23, 28.47),
    "Cherkasy oblast": _region("Ukraine", 49.44, 32.06),
    "Rivne oblast": _region("Ukraine", 50.62, 26.25),
    "Volyn oblast": _region("Ukraine", 50.75, 25.33),
    "Dnipropetrovsk oblast, Dnipro Raion": _region("Ukraine", 48.46, 35.05),
    "Dnipropetrovsk oblast, Kryvyi Rih Raion": _region("Ukraine", 47.91, 33.39),
    "Dnipropetrovsk oblast, Synelnykove Raion": _region("Ukraine", 48.32, 35.52),
    "Dnipropetrovsk oblast, Pavlohrad Raion": _region("Ukraine", 48.53, 35.87),
    "Dnipropetrovsk oblast, Novomoskovsk Raion": _region("Ukraine", 48.63, 35.22),
    "Dnipropetrovsk oblast, Kamianske Raion": _region("Ukraine", 48.51, 34.61),
    "Poltava oblast, Myrhorod Raion": _region("Ukraine", 49.97, 33.61),
    "Dnipro": _city("Ukraine", 48.46, 35.05),
    "Kryvyi Rih": _city("Ukraine", 47.91, 33.39),
    "Kyiv": _city("Ukraine", 50.45, 30.52),
    "Starokostiantyniv": _city("Ukraine", 49.76, 27.22),
    "Zaporizhzhia": _city("Ukraine", 47.84, 35.14),
    "Snake Island": Gazetteer("Ukraine", "other", 45.26, 30.20),
    "Kharkiv": _city("Ukraine", 49.99, 36.23),
    "Odesa": _city("Ukraine", 46.48, 30.72),
    "Sumy": _city("Ukraine", 50.91, 34.80),
    "Kherson": _city("Ukraine", 46.64, 32.62),
    "Kramatorsk": _city("Ukraine", 48.72, 37.56),
    "Kolomyia": _city("Ukraine", 48.53, 25.04),
    "Ochakiv": _city("Ukraine", 46.61, 31.55),
    # No single point: the whole country and the air commands' directions
    "Ukraine": Gazetteer("Ukraine", "country", None, None),
    "south": _NO_POINT,
    "south-east": _NO_POINT,
    "north": _NO_POINT,
    "north-east": _NO_POINT,
    "east": _NO_POINT,
    "west": _NO_POINT,
    "center": _NO_POINT,
    "front line": _NO_POINT,
}
