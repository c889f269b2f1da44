"""Reference lists the simulation draws from.

The venue coordinates match the defaults of the dbt vars
`segments__venue_latitude` / `segments__venue_longitude` so that the
`near_venue` segment has members in the default sample.
"""

from __future__ import annotations

from typing import NamedTuple

VENUE_LATITUDE = 52.5200
VENUE_LONGITUDE = 13.4050


class City(NamedTuple):
    name: str
    latitude: float
    longitude: float
    weight: float


class Country(NamedTuple):
    code: str  # ISO 3166-1 alpha-2
    name: str  # English name, one of the spellings raw rows use
    currency: str
    weight: float
    cities: list[City]


def _country(code: str, name: str, currency: str, weight: float, cities: list[tuple]) -> Country:
    return Country(code, name, currency, weight, [City(*city) for city in cities])


# code, English name, currency, weight, [(city, latitude, longitude, weight)]
COUNTRIES: list[Country] = [
    _country(*row)
    for row in [
        (
            "US",
            "United States",
            "USD",
            22,
            [("New York", 40.71, -74.01, 3), ("Austin", 30.27, -97.74, 1)],
        ),
        ("DE", "Germany", "EUR", 14, [("Berlin", 52.52, 13.405, 3), ("Munich", 48.14, 11.58, 1)]),
        ("FR", "France", "EUR", 7, [("Paris", 48.86, 2.35, 3), ("Lyon", 45.76, 4.84, 1)]),
        (
            "GB",
            "United Kingdom",
            "GBP",
            7,
            [("London", 51.51, -0.13, 3), ("Leeds", 53.80, -1.55, 1)],
        ),
        ("ES", "Spain", "EUR", 5, [("Madrid", 40.42, -3.70, 1)]),
        ("IT", "Italy", "EUR", 5, [("Rome", 41.90, 12.50, 1)]),
        ("NL", "Netherlands", "EUR", 4, [("Amsterdam", 52.37, 4.90, 1)]),
        ("PL", "Poland", "PLN", 3, [("Warsaw", 52.23, 21.01, 1)]),
        ("SE", "Sweden", "SEK", 2, [("Stockholm", 59.33, 18.07, 1)]),
        ("IE", "Ireland", "EUR", 2, [("Dublin", 53.35, -6.26, 1)]),
        ("AT", "Austria", "EUR", 2, [("Vienna", 48.21, 16.37, 1)]),
        ("BR", "Brazil", "BRL", 6, [("Sao Paulo", -23.55, -46.63, 1)]),
        ("IN", "India", "INR", 6, [("Mumbai", 19.08, 72.88, 1)]),
        ("CA", "Canada", "CAD", 4, [("Toronto", 43.65, -79.38, 1)]),
        ("AU", "Australia", "AUD", 3, [("Sydney", -33.87, 151.21, 1)]),
        ("JP", "Japan", "JPY", 3, [("Tokyo", 35.68, 139.69, 1)]),
        ("MX", "Mexico", "MXN", 3, [("Mexico City", 19.43, -99.13, 1)]),
        ("CH", "Switzerland", "CHF", 2, [("Zurich", 47.37, 8.54, 1)]),
    ]
]

JUNK_COUNTRIES = ["Atlantis", "XX", "??", "n/a", "Earth", "Narnia"]
PLAN_PRICES = {"USD": (9.99, 19.99), "EUR": (9.99, 19.99), "GBP": (8.99, 17.99)}
UNKNOWN_CURRENCIES = ["XYZ", "ABC", "BTC"]

CONTENT_CATEGORIES = [
    "fitness",
    "travel",
    "cooking",
    "finance",
    "technology",
    "fashion",
    "parenting",
    "music",
]
INTERESTS = [*CONTENT_CATEGORIES, "gaming", "outdoors"]
LIFESTYLES = ["adventurous", "homebody", "health_conscious", "budget_minded", "luxury", "social"]
PRODUCT_CATEGORIES = ["apparel", "equipment", "books", "courses", "accessories", "nutrition"]
SEARCH_TERMS = ["running shoes", "yoga", "budget trip", "vegan recipes", "etf", "headphones"]
OCCUPATIONS = ["engineer", "teacher", "nurse", "designer", "sales", "student", "retired", "manager"]
EDUCATION_RAW = ["high_school", "bachelor", "Bachelor", "master", "Master's", "doctorate", "PhD"]
MARITAL_RAW = {
    "single": ["single", "Single", " single "],
    "married": ["married", "Married", "MARRIED"],
    "divorced": ["divorced", "Divorced"],
    "widowed": ["widowed", "Widowed"],
}
GENDER_RAW = {
    "female": ["F", "female", "Female", "woman", "f"],
    "male": ["M", "male", "Male", "man", "m"],
    "non_binary": ["non-binary", "Non Binary", "nonbinary", "NB"],
    "unknown": ["unknown", "", "prefer not to say", "U"],
}
FIRST_NAMES = ["Anna", "Ben", "Chloe", "David", "Emma", "Felix", "Grace", "Hugo", "Ines", "Jonas"]
LAST_NAMES = ["Smith", "Muller", "Garcia", "Rossi", "Kowalski", "Silva", "Tanaka", "Brown"]

# platform -> (device models, os versions)
DEVICES = {
    "ios": (
        ["iPhone15,2", "iPhone14,5", "iPhone16,1", "iPad13,1"],
        ["16.7", "17.4", "17.5", "18.1"],
    ),
    "android": (["SM-S918B", "Pixel 8", "SM-A546B", "CPH2451"], ["13", "14", "15"]),
    "web": (["desktop"], ["Windows 11", "macOS 14.5", "Ubuntu 24.04"]),
}
PLATFORM_SPELLINGS = {
    "ios": ["ios", "iOS", "IOS"],
    "android": ["android", "Android", "ANDROID"],
    "web": ["web", "Web", "WEB"],
}
# Mobile apps ship a new minor version every APP_RELEASE_EVERY_DAYS days.
APP_RELEASE_EVERY_DAYS = 20
APP_MAJOR = 5

# Names that are not canonical but are in the taxonomy seed (aliases).
EVENT_ALIASES = {
    "sign_up": ["signed_up", "signup"],
    "login": ["logged_in", "log_in"],
    "page_view": ["page_viewed", "pageview"],
    "screen_view": ["screen_viewed"],
    "product_view": ["product_viewed"],
    "add_to_cart": ["product_added", "added_to_cart"],
    "order_completed": ["checkout_completed"],
}
UNKNOWN_EVENT_NAMES = ["foo_bar", "Test Event", "debug_ping", "experiment_exposed"]
