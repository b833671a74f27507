"""Seed the UK police forces: the 43 territorial forces of England and Wales, Police
Scotland, the Police Service of Northern Ireland, and British Transport Police."""

from django.db import migrations

FORCES = [
    # (name, short name, slug, nation)
    ("Avon and Somerset Constabulary", "Avon and Somerset", "avon-and-somerset", "england"),
    ("Bedfordshire Police", "Bedfordshire", "bedfordshire", "england"),
    ("Cambridgeshire Constabulary", "Cambridgeshire", "cambridgeshire", "england"),
    ("Cheshire Constabulary", "Cheshire", "cheshire", "england"),
    ("City of London Police", "City of London", "city-of-london", "england"),
    ("Cleveland Police", "Cleveland", "cleveland", "england"),
    ("Cumbria Constabulary", "Cumbria", "cumbria", "england"),
    ("Derbyshire Constabulary", "Derbyshire", "derbyshire", "england"),
    ("Devon and Cornwall Police", "Devon and Cornwall", "devon-and-cornwall", "england"),
    ("Dorset Police", "Dorset", "dorset", "england"),
    ("Durham Constabulary", "Durham", "durham", "england"),
    ("Essex Police", "Essex", "essex", "england"),
    ("Gloucestershire Constabulary", "Gloucestershire", "gloucestershire", "england"),
    ("Greater Manchester Police", "Greater Manchester", "greater-manchester", "england"),
    ("Hampshire Constabulary", "Hampshire", "hampshire", "england"),
    ("Hertfordshire Constabulary", "Hertfordshire", "hertfordshire", "england"),
    ("Humberside Police", "Humberside", "humberside", "england"),
    ("Kent Police", "Kent", "kent", "england"),
    ("Lancashire Constabulary", "Lancashire", "lancashire", "england"),
    ("Leicestershire Police", "Leicestershire", "leicestershire", "england"),
    ("Lincolnshire Police", "Lincolnshire", "lincolnshire", "england"),
    ("Merseyside Police", "Merseyside", "merseyside", "england"),
    ("Metropolitan Police Service", "Metropolitan", "metropolitan", "england"),
    ("Norfolk Constabulary", "Norfolk", "norfolk", "england"),
    ("North Yorkshire Police", "North Yorkshire", "north-yorkshire", "england"),
    ("Northamptonshire Police", "Northamptonshire", "northamptonshire", "england"),
    ("Northumbria Police", "Northumbria", "northumbria", "england"),
    ("Nottinghamshire Police", "Nottinghamshire", "nottinghamshire", "england"),
    ("South Yorkshire Police", "South Yorkshire", "south-yorkshire", "england"),
    ("Staffordshire Police", "Staffordshire", "staffordshire", "england"),
    ("Suffolk Constabulary", "Suffolk", "suffolk", "england"),
    ("Surrey Police", "Surrey", "surrey", "england"),
    ("Sussex Police", "Sussex", "sussex", "england"),
    ("Thames Valley Police", "Thames Valley", "thames-valley", "england"),
    ("Warwickshire Police", "Warwickshire", "warwickshire", "england"),
    ("West Mercia Police", "West Mercia", "west-mercia", "england"),
    ("West Midlands Police", "West Midlands", "west-midlands", "england"),
    ("West Yorkshire Police", "West Yorkshire", "west-yorkshire", "england"),
    ("Wiltshire Police", "Wiltshire", "wiltshire", "england"),
    ("Dyfed-Powys Police", "Dyfed-Powys", "dyfed-powys", "wales"),
    ("Gwent Police", "Gwent", "gwent", "wales"),
    ("North Wales Police", "North Wales", "north-wales", "wales"),
    ("South Wales Police", "South Wales", "south-wales", "wales"),
    ("Police Scotland", "Scotland", "scotland", "scotland"),
    ("Police Service of Northern Ireland", "Northern Ireland", "northern-ireland", "northern-ireland"),
    ("British Transport Police", "British Transport Police", "british-transport-police", "great-britain"),
]


def seed(apps, schema_editor):
    PoliceForce = apps.get_model("statistics", "PoliceForce")
    for name, short_name, slug, nation in FORCES:
        PoliceForce.objects.update_or_create(
            slug=slug, defaults={"name": name, "short_name": short_name, "nation": nation}
        )


def unseed(apps, schema_editor):
    PoliceForce = apps.get_model("statistics", "PoliceForce")
    PoliceForce.objects.filter(slug__in=[slug for _, _, slug, _ in FORCES]).delete()


class Migration(migrations.Migration):
    dependencies = [("statistics", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
