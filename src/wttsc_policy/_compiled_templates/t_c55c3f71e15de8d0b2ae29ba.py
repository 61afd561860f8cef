# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/practice_standards.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_setting = resolve('setting')
    l_0_dsl_title = resolve('dsl_title')
    pass
    yield 'The national multi-agency practice standards for child protection apply to '
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield 'me and anyone who works with me'
    else:
        pass
        yield 'all our staff'
    yield '. When a child may be suffering, or likely to suffer, significant harm, '
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield 'I'
    else:
        pass
        yield 'staff'
    yield ':\n\n- stay alert to signs of harm and listen to the child\n- record what '
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield 'I see and hear'
    else:
        pass
        yield 'they see and hear'
    yield " accurately, in the child's own words where possible\n"
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield "- refer the concern to children's social care straight away, and escalate it if it is not being acted on\n"
    else:
        pass
        yield '- share the concern with the '
        yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
        yield ' straight away, and escalate it if they think it is not being acted on\n'
    yield '- never assume that someone else has already shared the concern'

blocks = {}
debug_info = '1=14&4=28&5=35&8=41'
