"""Seed each force's ONS police force area code (England and Wales), its data.police.uk id,
and the abbreviations publishers use, as aliases editors can change in the admin."""

from django.db import migrations

ONS_CODES = {
    "metropolitan": "E23000001",
    "cumbria": "E23000002",
    "lancashire": "E23000003",
    "merseyside": "E23000004",
    "greater-manchester": "E23000005",
    "cheshire": "E23000006",
    "northumbria": "E23000007",
    "durham": "E23000008",
    "north-yorkshire": "E23000009",
    "west-yorkshire": "E23000010",
    "south-yorkshire": "E23000011",
    "humberside": "E23000012",
    "cleveland": "E23000013",
    "west-midlands": "E23000014",
    "staffordshire": "E23000015",
    "west-mercia": "E23000016",
    "warwickshire": "E23000017",
    "derbyshire": "E23000018",
    "nottinghamshire": "E23000019",
    "lincolnshire": "E23000020",
    "leicestershire": "E23000021",
    "northamptonshire": "E23000022",
    "cambridgeshire": "E23000023",
    "norfolk": "E23000024",
    "suffolk": "E23000025",
    "bedfordshire": "E23000026",
    "hertfordshire": "E23000027",
    "essex": "E23000028",
    "thames-valley": "E23000029",
    "hampshire": "E23000030",
    "surrey": "E23000031",
    "kent": "E23000032",
    "sussex": "E23000033",
    "city-of-london": "E23000034",
    "devon-and-cornwall": "E23000035",
    "avon-and-somerset": "E23000036",
    "gloucestershire": "E23000037",
    "wiltshire": "E23000038",
    "dorset": "E23000039",
    "north-wales": "W15000001",
    "gwent": "W15000002",
    "south-wales": "W15000003",
    "dyfed-powys": "W15000004",
}
# data.police.uk uses our slugs for every force it covers, except British Transport Police.
POLICE_UK_IDS = {slug: slug for slug in ONS_CODES} | {
    "northern-ireland": "northern-ireland",
    "british-transport-police": "btp",
}
ALIASES = {
    "Met": "metropolitan",
    "Met Police": "metropolitan",
    "MPS": "metropolitan",
    "GMP": "greater-manchester",
    "PSNI": "northern-ireland",
    "BTP": "british-transport-police",
    "Beds": "bedfordshire",
    "Cambs": "cambridgeshire",
    "Herts": "hertfordshire",
    "Hants": "hampshire",
    "Glos": "gloucestershire",
    "Leics": "leicestershire",
    "Lincs": "lincolnshire",
    "Northants": "northamptonshire",
    "Notts": "nottinghamshire",
    "Staffs": "staffordshire",
    "Wilts": "wiltshire",
    "Hampshire and Isle of Wight": "hampshire",
}


def seed(apps, schema_editor):
    PoliceForce = apps.get_model("statistics", "PoliceForce")
    ForceAlias = apps.get_model("statistics", "ForceAlias")
    forces = {force.slug: force for force in PoliceForce.objects.all()}
    for slug, force in forces.items():
        force.ons_code = ONS_CODES.get(slug, "")
        force.police_uk_id = POLICE_UK_IDS.get(slug, "")
        force.save(update_fields=["ons_code", "police_uk_id"])
    for text, slug in ALIASES.items():
        if slug in forces:
            ForceAlias.objects.get_or_create(text=text, defaults={"force": forces[slug]})


def unseed(apps, schema_editor):
    apps.get_model("statistics", "ForceAlias").objects.filter(text__in=ALIASES).delete()
    apps.get_model("statistics", "PoliceForce").objects.update(ons_code="", police_uk_id="")


class Migration(migrations.Migration):
    dependencies = [("statistics", "0005_force_codes_aliases_and_import_tasks")]

    operations = [migrations.RunPython(seed, unseed)]
