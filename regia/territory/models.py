"""Tables of the territory referential (prefix ``territory_``)."""

from __future__ import annotations

from sqlalchemy import Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from regia.db import Base


class RegionRow(Base):
    __tablename__ = "territory_regions"

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))


class DepartmentRow(Base):
    __tablename__ = "territory_departments"

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    region_code: Mapped[str] = mapped_column(ForeignKey("territory_regions.code"), index=True)


class EpciRow(Base):
    __tablename__ = "territory_epcis"

    siren: Mapped[str] = mapped_column(String(9), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(10), default="")


class CommuneRow(Base):
    __tablename__ = "territory_communes"

    insee: Mapped[str] = mapped_column(String(5), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    postcodes: Mapped[str] = mapped_column(String(200), default="")  # space separated
    department_code: Mapped[str] = mapped_column(ForeignKey("territory_departments.code"), index=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("territory_regions.code"), index=True)
    epci_siren: Mapped[str | None] = mapped_column(ForeignKey("territory_epcis.siren"), index=True)
    population: Mapped[int] = mapped_column(Integer, default=0)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)


# order in which rows are inserted (parents first) and deleted (children first)
TABLES = (RegionRow, DepartmentRow, EpciRow, CommuneRow)
