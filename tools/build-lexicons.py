#!/usr/bin/env python3
"""Build the entity lexicons compiled into libanalysis.

  tools/build-lexicons.py [--data ../shared/data] [--iso /usr/share/iso-codes/json]

Writes, beside the NER model in libanalysis/model/:
  lexicon-countries.inc  countries, alternative names, demonyms, capitals
                         (derived from mledoze/countries, ODbL 1.0: see LICENSE-lexicon-countries)
  lexicon-places.inc     cities (GeoNames world-cities, CC BY) and ISO 3166-2 subdivisions
                         (Debian iso-codes, LGPL)
  lexicon-base.inc       the general lists kept in this script (regions, landforms,
                         facilities, well-known organisations, religions and political groups,
                         events, laws, titles)
Each line of a .inc file is one C string literal "surface\\tLABEL\\tid\\tcanonical\\tflags\\n"
(a demonym adds "\\tcountry", the id of its country: "the Iraqi government" speaks for Iraq),
so entities/lexicon.c includes the files as one string each, and the compiler tracks them.
flags: m = may be matched in text on its own; r = only refines the tagger's own spans;
c = a country's own name; t = a town's name that names no region or country.
Run after changing the data or this script; commit the outputs."""
import argparse, csv, json, os, re, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "libanalysis", "model")


def slug(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"[^a-z0-9]+", "_", s).strip("_")
    return s or "x"


def plural(d):
    if d.endswith(("ish", "ch", "ese", "s", "x", "z")):
        return None
    return d + "s"


# ---- the general lists: categories of names, not names of any one document ----------
REGIONS = """Middle East|Near East|Far East|West Asia|Western Asia|East Asia|South Asia|Southeast Asia|Central Asia|
Asia|Europe|Africa|North Africa|West Africa|East Africa|Sub-Saharan Africa|Horn of Africa|Latin America|South America|
North America|Central America|Eastern Europe|Western Europe|Central Europe|Balkans|Caucasus|Levant|Maghreb|Sahel|Arctic|
Antarctica|Oceania|Scandinavia|Gulf region|Arabian Peninsula|Persian Gulf|Arabian Gulf|Gulf of Aden|Red Sea|Mediterranean|
Mediterranean Sea|Black Sea|Caspian Sea|Dead Sea|Baltic Sea|North Sea|South China Sea|Atlantic|Atlantic Ocean|Pacific|
Pacific Ocean|Indian Ocean|Strait of Hormuz|Bab el-Mandeb|Suez Canal|Tigris|Euphrates|Nile|Jordan River|Golan Heights|
Sinai|Sinai Peninsula|Alps|Himalayas|Andes|Kurdistan|Mesopotamia|Eurasia|Gaza Strip|West Bank|Korean Peninsula""".replace("\n", "")

GPE_EXTRA = """US|U.S.|USA|U.S.A.|UK|U.K.|America|Britain|Great Britain|Gaza|Kurdistan Region|Iraqi Kurdistan|
Iraqi Kurdistan region|Washington|Moscow|Beijing|Tehran|Teheran|Baghdad|Damascus|Beirut|Riyadh|Ankara|Kabul|Erbil|Mosul|
Basra|Najaf|Karbala|Kirkuk|Fallujah|Ramadi|Tikrit|Sulaymaniyah|Aleppo|Idlib|Raqqa|Homs|Deir ez-Zor|Jerusalem|Tel Aviv|
Sanaa|Aden|Doha|Abu Dhabi|Dubai|Cairo|Amman|Brussels|London|Paris|Berlin|Kyiv|Kiev|Tokyo|New Delhi|Islamabad|
New York|Soviet Union|USSR|European Union""".replace("\n", "")

FAC = """Ain al-Asad|Ain al-Assad|Al-Asad Air Base|Baghdad International Airport|Green Zone|White House|Kremlin|
Camp Victory|Incirlik|Al Udeid|Guantanamo|Guantanamo Bay|Abu Ghraib|Al-Tanf|Victory Base""".replace("\n", "")

# name|id (aliases share the id)
ORGS = """NATO:nato|North Atlantic Treaty Organization:nato|North Atlantic Treaty Organisation:nato|
EU:eu|European Union:eu|UN:un|U.N.:un|United Nations:un|UN Security Council:unsc|Security Council:unsc|
IAEA:iaea|International Atomic Energy Agency:iaea|ISIS:isis|ISIL:isis|Daesh:isis|Islamic State:isis|IS:isis|
Al-Qaeda:al_qaeda|Al Qaeda:al_qaeda|al-Qaeda:al_qaeda|al-Qaida:al_qaeda|Al-Qaida:al_qaeda|
Taliban:taliban|Hezbollah:hezbollah|Hizbollah:hezbollah|Hamas:hamas|Ansarullah:ansarullah|Houthis:ansarullah|
Peshmerga:peshmerga|CENTCOM:centcom|Central Command:centcom|Pentagon:pentagon|Department of Defense:pentagon|
State Department:state_department|Department of State:state_department|CIA:cia|FBI:fbi|NSA:nsa|
Congress:congress|Senate:senate|House of Representatives:house|Parliament:parliament|Kremlin:kremlin|
IRGC:irgc|Revolutionary Guards:irgc|Islamic Revolutionary Guard Corps:irgc|Quds Force:quds_force|
Popular Mobilization Forces:pmf|Popular Mobilisation Forces:pmf|PMF:pmf|PMU:pmf|Hashd al-Shaabi:pmf|Hashd:pmf|
Kataib Hezbollah:kataib_hezbollah|Kata'ib Hezbollah:kataib_hezbollah|Baath:baath_party|Baath Party:baath_party|
Ba'ath Party:baath_party|Arab League:arab_league|OPEC:opec|IMF:imf|International Monetary Fund:imf|
World Bank:world_bank|WHO:who|World Health Organization:who|Red Cross:red_cross|ICRC:red_cross|
GCC:gcc|Gulf Cooperation Council:gcc|Persian Gulf Cooperation Council:gcc|Reuters:reuters|AP:ap|
Associated Press:ap|AFP:afp|Agence France-Presse:afp|BBC:bbc|CNN:cnn|Al Jazeera:al_jazeera|Al-Jazeera:al_jazeera|
New York Times:nyt|Washington Post:washington_post|Blackwater:blackwater|Academi:blackwater|
PKK:pkk|Kurdistan Workers' Party:pkk|KDP:kdp|PUK:puk|SDF:sdf|Syrian Democratic Forces:sdf|
Muslim Brotherhood:muslim_brotherhood|Mossad:mossad|KGB:kgb|FSB:fsb|G7:g7|G20:g20|
Democratic Party:democratic_party|Republican Party:republican_party|GOP:republican_party|
Iraqi News Agency:iraqi_news_agency|INA:iraqi_news_agency|IRNA:irna|Tasnim:tasnim|Fars News Agency:fars""".replace("\n", "")

# NORP: surface forms -> id (religions, sects, ethnic and political groups)
NORP = """Muslim:muslims|Muslims:muslims|Islamic:islam|Islam:islam|Christian:christians|Christians:christians|
Christianity:christianity|Jewish:jews|Jew:jews|Jews:jews|Judaism:judaism|Sunni:sunnis|Sunnis:sunnis|Shiite:shiites|
Shiites:shiites|Shia:shiites|Shi'ite:shiites|Shi'ites:shiites|Wahhabi:wahhabism|Wahhabism:wahhabism|Salafi:salafis|
Salafist:salafis|Salafists:salafis|Zaidi:zaidis|Zaidis:zaidis|Alawite:alawites|Alawites:alawites|Druze:druze|
Yazidi:yazidis|Yazidis:yazidis|Catholic:catholics|Catholics:catholics|Protestant:protestants|Hindu:hindus|
Hindus:hindus|Buddhist:buddhists|Kurd:kurds|Kurds:kurds|Kurdish:kurds|Arab:arabs|Arabs:arabs|Arabic:arabs|
Persian:persians|Persians:persians|Turkmen:turkmen|Pashtun:pashtuns|Baloch:baloch|Zionist:zionists|Zionists:zionists|
Democrat:democrats|Democrats:democrats|Democratic:democrats|Republican:republicans|Republicans:republicans|
Baathist:baathists|Baathists:baathists|Communist:communists|Communists:communists|Islamist:islamists|
Islamists:islamists|Jihadist:jihadists|Jihadists:jihadists|Conservative:conservatives|Conservatives:conservatives|
Labour:labour|Liberal:liberals|Liberals:liberals|Western:west|Westerners:westerners|European:europeans|
Europeans:europeans|African:africans|Asian:asians|Latino:latinos|Hispanic:hispanics|Soviet:soviets""".replace("\n", "")

EVENTS = """World War I:ww1|World War One:ww1|First World War:ww1|World War II:ww2|World War Two:ww2|
Second World War:ww2|Cold War:cold_war|Gulf War:gulf_war|Iran-Iraq War:iran_iraq_war|Iraq War:iraq_war|
Vietnam War:vietnam_war|Korean War:korean_war|Arab Spring:arab_spring|Holocaust:holocaust|
Islamic Revolution:iranian_revolution|Iranian Revolution:iranian_revolution|Islamic Awakening:islamic_awakening|
Operation Desert Storm:desert_storm|Olympics:olympics|Olympic Games:olympics|World Cup:world_cup|
Ramadan:ramadan|Eid al-Fitr:eid_al_fitr|Ashura:ashura|Arbaeen:arbaeen|Nowruz:nowruz""".replace("\n", "")

LAWS = """North Atlantic Treaty:north_atlantic_treaty|Geneva Conventions:geneva_conventions|UN Charter:un_charter|
Constitution:constitution|Patriot Act:patriot_act|JCPOA:jcpoa|Iran nuclear deal:jcpoa|Oslo Accords:oslo_accords|
Abraham Accords:abraham_accords|Strategic Framework Agreement:strategic_framework_agreement|
Status of Forces Agreement:sofa|SOFA:sofa""".replace("\n", "")


def pairs(s):
    for item in s.split("|"):
        item = item.strip()
        if item:
            name, _, i = item.partition(":")
            yield name, i or slug(name)


def write(path, rows, header):
    seen = set()
    with open(path, "w", encoding="utf-8") as f:
        f.write("/* %s\n   Generated by tools/build-lexicons.py: do not edit. */\n" % header)
        for surface, label, eid, canon, flags, *country in rows:
            key = (surface, label)
            if key in seen or not surface or "\t" in surface:
                continue
            seen.add(key)
            line = "\t".join((surface, label, eid, canon, flags, *country)) + "\n"
            esc = line.replace("\\", "\\\\").replace('"', '\\"').replace("?", "\\?").replace("\t", "\\t").replace("\n", "\\n")
            f.write('"%s"\n' % esc)
    return len(seen)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(HERE, "..", "..", "shared", "data"))
    ap.add_argument("--iso", default="/usr/share/iso-codes/json")
    a = ap.parse_args()
    countries = os.path.join(a.data, "gazetteers", "countries.json")
    cities = os.path.join(a.data, "gazetteers", "world-cities.csv")
    missing = [p for p in (countries, cities, os.path.join(a.iso, "iso_3166-2.json")) if not os.path.exists(p)]
    if missing:
        sys.exit("build-lexicons: data absent: %s\n(countries.json and world-cities.csv come with "
                 "../shared/data/gazetteers; ISO codes with `apt-get install iso-codes`)" % ", ".join(missing))

    # ---- countries (ODbL) ----
    rows = []
    data = json.load(open(countries, encoding="utf-8"))
    # a demonym listed among a country's alternative spellings ("Thai", "Togolese") is a
    # NORP, not a second name of the country; a country's own name stays a GPE ("Djibouti")
    own = {c["name"][k] for c in data for k in ("common", "official")}
    words = {w for c in data for w in c["name"]["common"].split()}  # "Vatican" of "Vatican City"
    demonyms = {d for c in data for d in c.get("demonyms", {}).get("eng", {}).values() if d} - own - words
    for c in data:
        common = c["name"]["common"]
        cid = slug(common)
        names = [common, c["name"]["official"]] + [s for s in c.get("altSpellings", [])
                                                      if len(s) >= 4 or (len(s) == 3 and s.isupper())]
        for n in names:
            if n and n[0].isupper() and n not in demonyms:
                rows.append((n, "GPE", cid, common, "mc" if n in (common, c["name"]["official"]) else "m"))
        if " and " not in common and common.startswith(("United", "Republic", "Democratic", "Central", "Czech", "Dominican", "Marshall", "Solomon", "Cayman", "Virgin", "Philippines", "Netherlands", "Bahamas", "Comoros", "Gambia", "Maldives")):
            rows.append(("the " + common, "GPE", cid, common, "r"))
        for cap in c.get("capital", []):
            rows.append((cap, "GPE", slug(cap), cap, "m"))
        dem = c.get("demonyms", {}).get("eng", {})
        for d in {dem.get("m"), dem.get("f")} - {None, ""} - own:
            did = slug(plural(d) or d)
            rows.append((d, "NORP", did, d, "m", cid))
            if plural(d):
                rows.append((plural(d), "NORP", did, d, "m", cid))
    n1 = write(os.path.join(OUT, "lexicon-countries.inc"), rows,
               "Countries, demonyms and capitals derived from mledoze/countries (ODbL 1.0).")

    # ---- places (GeoNames CC BY, iso-codes) ----
    rows = []
    with open(cities, encoding="utf-8") as f:
        world = list(csv.DictReader(f))
    iso = json.load(open(os.path.join(a.iso, "iso_3166-2.json"), encoding="utf-8"))
    regions = [s["name"] for s in iso["3166-2"]
               if s.get("type") in ("State", "Province", "Region", "Governorate", "Autonomous region", "Emirate", "Country", "Nation")]
    nations = [s[k] for s in json.load(open(os.path.join(a.iso, "iso_3166-1.json"), encoding="utf-8"))["3166-1"]
               for k in ("name", "common_name") if s.get(k)]
    # t: a town's name and nothing larger's, which many surnames share ("Obama", "Warren")
    larger = {r["subcountry"] for r in world} | set(regions) | set(nations)
    for r in world:
        for n in (r["name"], r["subcountry"]):
            if n and n[0].isupper():
                rows.append((n, "GPE", slug(n), n, "r" if n in larger else "rt"))
    for n in regions:
        if n and n[0].isupper():
            rows.append((n, "GPE", slug(n), n, "r"))
    for n in nations:
        rows.append((n, "GPE", slug(n), n, "r"))
    n2 = write(os.path.join(OUT, "lexicon-places.inc"), rows,
               "Cities from GeoNames (world-cities, CC BY 4.0, geonames.org) and ISO 3166 subdivisions "
               "(Debian iso-codes).")

    # ---- base ----
    rows = []
    for n in REGIONS.split("|"):
        if n.strip():
            rows.append((n.strip(), "LOC", slug(n), n.strip(), "m"))
    for n in GPE_EXTRA.split("|"):
        n = n.strip()
        if n:
            i = {"US": "united_states", "U.S.": "united_states", "USA": "united_states", "U.S.A.": "united_states",
                 "America": "united_states", "UK": "united_kingdom", "U.K.": "united_kingdom",
                 "Britain": "united_kingdom", "Great Britain": "united_kingdom", "Teheran": "tehran",
                 "Kiev": "kyiv", "USSR": "soviet_union", "Iraqi Kurdistan": "kurdistan_region",
                 "Iraqi Kurdistan region": "kurdistan_region"}.get(n, slug(n))
            rows.append((n, "ORG" if n == "European Union" else "GPE", "eu" if n == "European Union" else i, n,
                         "mc" if i in ("united_states", "united_kingdom") else "m"))
    for n in FAC.split("|"):
        if n.strip():
            rows.append((n.strip(), "FAC", slug(n), n.strip(), "m"))
    for lst, label in ((ORGS, "ORG"), (NORP, "NORP"), (EVENTS, "EVENT"), (LAWS, "LAW")):
        canon = {}
        for n, i in pairs(lst):
            canon.setdefault(i, n)
        for n, i in pairs(lst):
            flags = "r" if n in ("Congress", "Parliament", "Senate", "Constitution", "IS", "WHO", "Hashd",
                                  "Western", "Liberal", "Conservative", "Labour", "Republican", "Democratic") else "m"
            rows.append((n, label, i, canon[i], flags))
    n3 = write(os.path.join(OUT, "lexicon-base.inc"), rows, "General lists from tools/build-lexicons.py.")
    print("build-lexicons: %d country entries, %d place entries, %d base entries -> %s" % (n1, n2, n3, os.path.normpath(OUT)))


if __name__ == "__main__":
    main()
