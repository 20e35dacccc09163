/*
 * schema.c - the tables of schema.h: fields and report counts.
 */
#include "schema.h"

#include <string.h>

const char *const ds_report_counts[DS_REPORT_COUNTS] = {
    DS_FIELD_PAGES,     DS_FIELD_SECTIONS,       DS_FIELD_PASSAGES,
    DS_FIELD_FOOTNOTES, DS_FIELD_MARKERS_LINKED, DS_FIELD_MARKERS_UNLINKED,
};

static const ds_field_t fields[] = {
    {DS_FIELD_ID, DS_FK_BOOL, DS_PREFIX_ID, DS_VR_RAW, DS_FF_META | DS_FF_SINGLE},
    {DS_FIELD_PATH, DS_FK_NONE, NULL, DS_VR_RAW, DS_FF_META},
    {DS_FIELD_TITLE, DS_FK_TEXT, DS_PREFIX_TITLE, DS_VR_FOLD, DS_FF_META},
    {DS_FIELD_DATE, DS_FK_DATE, NULL, DS_VR_RAW, DS_FF_META | DS_FF_SINGLE},
    {DS_FIELD_DATE_END, DS_FK_NONE, NULL, DS_VR_RAW, DS_FF_META},
    {DS_FIELD_ACTOR, DS_FK_TEXT, DS_PREFIX_ACTOR, DS_VR_FOLD, DS_FF_META},
    {DS_FIELD_TYPE, DS_FK_BOOL, DS_PREFIX_TYPE, DS_VR_FOLD, DS_FF_META | DS_FF_SINGLE},
    {DS_FIELD_URL, DS_FK_BOOL, DS_PREFIX_URL, DS_VR_URL, DS_FF_META},
    {DS_FIELD_LANG, DS_FK_BOOL, DS_PREFIX_LANG, DS_VR_LANG, DS_FF_META | DS_FF_SINGLE},
    {DS_FIELD_SYMBOL, DS_FK_BOOL, DS_PREFIX_SYMBOL, DS_VR_SYMBOL, DS_FF_META},
    {DS_FIELD_SECTION, DS_FK_TEXT, DS_PREFIX_SECTION, DS_VR_FOLD, 0},
    {"site", DS_FK_BOOL, DS_PREFIX_HOST, DS_VR_FOLD, 0},
    {DS_FIELD_CITES, DS_FK_BOOL, DS_PREFIX_CITES, DS_VR_NUMBER, 0},
};

const ds_field_t *ds_field_find(const char *name, size_t len)
{
    for (size_t i = 0; name && i < sizeof fields / sizeof fields[0]; i++)
        if (strlen(fields[i].name) == len && memcmp(fields[i].name, name, len) == 0)
            return &fields[i];
    return NULL;
}
