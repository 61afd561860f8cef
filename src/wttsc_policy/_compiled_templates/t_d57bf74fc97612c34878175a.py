# Written by `python -m wttsc_policy.precompile`: do not edit.
JINJA_VERSION = '3.1.6'
from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'clauses/section47.md.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_setting = resolve('setting')
    l_0_dsl_title = resolve('dsl_title')
    pass
    yield "When there is reasonable cause to suspect that a child is suffering, or likely to suffer, significant harm, children's social care (the local authority) decides whether to make enquiries under section 47 of the Children Act 1989. Section 47 enquiries are always led by a local authority social worker.\n\n"
    if ((undefined(name='setting') if l_0_setting is missing else l_0_setting) == 'childminder'):
        pass
        yield 'My part is to help: I share the information I hold promptly, take part in any strategy discussion I am invited to, and keep caring for the child. I never investigate a concern myself or question a child beyond listening to what they say.\n'
    else:
        pass
        yield 'Our part is to help: we share the information we hold promptly, take part in any strategy discussion we are invited to, and support the child. Staff never investigate a concern themselves or question a child beyond listening to what they say, and the '
        yield str((undefined(name='dsl_title') if l_0_dsl_title is missing else l_0_dsl_title))
        yield ' is the link with the social worker.\n'

blocks = {}
debug_info = '3=14&6=20'
