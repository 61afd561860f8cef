# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/eyfs_safeguarding.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_school_name = resolve('school_name')
    l_0_dsl_title = resolve('dsl_title')
    pass
    yield str((undefined(name='school_name') if l_0_school_name is missing else l_0_school_name))
    yield " meets the safeguarding and welfare requirements of the EYFS statutory framework in force, which were strengthened from 1 September 2025:\n\n- We follow safer recruitment practice and take up references before new staff start work.\n- We follow up prolonged or unexplained absences promptly, and we hold emergency contacts for every child, asking families for more than one.\n- We follow the framework's safer eating requirements, so children are supervised while they eat.\n- Our safeguarding training covers what the framework sets out, and students and trainees counted in the ratios hold a paediatric first aid certificate.\n- We have a whistleblowing policy, so staff can raise concerns about the conduct of colleagues or the setting.\n- Nappy changing and toileting respect children's privacy while keeping them safe.\n\nThe "
    yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
    yield ' makes sure these requirements are met.'

blocks = {}
debug_info = '1=13&10=15'
