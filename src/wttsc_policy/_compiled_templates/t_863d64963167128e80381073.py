# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/all_children.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_school_name = resolve('school_name')
    l_0_dsl_title = resolve('dsl_title')
    pass
    yield 'This policy protects every child at '
    yield str((undefined(name='school_name') if l_0_school_name is missing else l_0_school_name))
    yield ", whatever their care arrangements: children living with their parents, children in kinship care or under a special guardianship order, adopted children and children looked after by a local authority. Staff do not assume that a child is safe, or at risk, because of who they live with.\n\nStaff also act on worries about an unborn child. If a member of staff learns that a pupil, or a pupil's parent or carer, is expecting a baby and is worried about the baby's safety, for example because of domestic abuse, substance misuse or earlier concerns about the family, they tell the "
    yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
    yield ", who decides with children's social care what help or protection is needed before and after the birth."

blocks = {}
debug_info = '1=14&3=16'
