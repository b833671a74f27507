from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "statistics"
    verbose_name = "Statistics"
